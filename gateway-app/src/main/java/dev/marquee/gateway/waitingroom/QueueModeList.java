package dev.marquee.gateway.waitingroom;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Every show and on-sale in queue mode. */
@Serdeable
public record QueueModeList(List<QueueModeView> modes) {
}

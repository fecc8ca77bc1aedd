package dev.marquee.gateway.holds;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON body of a hold request; every field is checked by the core's {@link dev.marquee.booking.holds.Holds}, not by binding. */
@Serdeable
public record HoldBody(@Nullable String showId, @Nullable List<String> seatIds, @Nullable String email) {
}

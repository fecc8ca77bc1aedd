package dev.marquee.gateway.waitlist;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The JSON body of a request to join a show's waitlist. */
@Serdeable
public record WaitlistBody(@Nullable String email, @Nullable Integer seatCount, @Nullable String category) {
}

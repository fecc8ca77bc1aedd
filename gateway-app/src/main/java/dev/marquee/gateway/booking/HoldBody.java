package dev.marquee.gateway.booking;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON body of a hold request; every field is checked by {@link HoldService}, not by binding. */
@Serdeable
public record HoldBody(@Nullable String showId, @Nullable List<String> seatIds, @Nullable String email) {
}

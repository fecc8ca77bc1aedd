package dev.marquee.gateway.ticketing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /api/v1/checkins}: what the scanner read from the ticket's QR code. */
@Serdeable
public record CheckinBody(@Nullable String qrPayload) {
}

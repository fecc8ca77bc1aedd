package dev.marquee.booking.idempotency;

import java.util.Objects;

/**
 * The answer a request gave, kept so that a repeat gets it again.
 *
 * @param status the HTTP status
 * @param body the body as sent
 */
public record Answer(int status, String body) {
    public Answer {
        Objects.requireNonNull(body, "body");
    }
}

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

    /** A 2xx: the request did what it asked, and a repeat must get this answer again. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}

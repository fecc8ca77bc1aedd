package dev.marquee.gateway.messaging;

import dev.marquee.gateway.logging.RequestId;
import java.util.Optional;

/**
 * What an outbox row's {@code note} holds: the id of the request the message was sent for, and why the row is there
 * (a retry's or a dead letter's reason). The id is written first as {@code [request <id>]}; an acceptable request id
 * holds no {@code ]} and no space, so the two read back apart. Sharing the column keeps the outbox table as it is.
 *
 * @param requestId the request the message was sent for; empty for the gateway's own work
 * @param reason why the row is there; null for a message on its first way out
 */
record OutboxNote(Optional<String> requestId, String reason) {
    private static final String OPEN = "[request ";
    /** What the column holds at most; a longer reason is cut. */
    private static final int COLUMN = 1000;

    /** The note of a message written now, for the request this thread works for. */
    static OutboxNote now(String reason) {
        return new OutboxNote(RequestId.current(), reason);
    }

    /** As stored: null when there is nothing to say. */
    String stored() {
        String prefix = requestId.map(id -> OPEN + id + "]").orElse("");
        String text = reason == null ? prefix : prefix.isEmpty() ? reason : prefix + " " + reason;
        return text.isEmpty() ? null : text.substring(0, Math.min(COLUMN, text.length()));
    }

    static OutboxNote read(String stored) {
        if (stored == null) {
            return new OutboxNote(Optional.empty(), null);
        }
        int close = stored.indexOf(']');
        if (stored.startsWith(OPEN) && close > OPEN.length()) {
            String id = stored.substring(OPEN.length(), close);
            if (RequestId.acceptable(id)) {
                String rest = stored.substring(close + 1).strip();
                return new OutboxNote(Optional.of(id), rest.isEmpty() ? null : rest);
            }
        }
        return new OutboxNote(Optional.empty(), stored);
    }
}

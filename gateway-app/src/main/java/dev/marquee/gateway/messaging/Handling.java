package dev.marquee.gateway.messaging;

import java.time.Duration;
import java.util.Objects;

/** What a {@link MessageHandler} made of a delivery. */
public sealed interface Handling {

    /** Handled (now or before): acknowledge it. */
    record Done() implements Handling {
    }

    /**
     * A transient failure (the chain or the SMTP server is down): try again after a while, never drop it.
     *
     * @param after how long to wait at least
     * @param reason for the log
     */
    record RetryLater(Duration after, String reason) implements Handling {
        public RetryLater {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * It can never be handled (malformed, refers to nothing): park it on the dead-letter queue.
     *
     * @param reason kept with the dead letter
     */
    record Rejected(String reason) implements Handling {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Handling done() {
        return new Done();
    }
}

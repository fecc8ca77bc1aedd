package dev.marquee.booking.idempotency;

/** What came of running a request under an idempotency key. */
public sealed interface Execution {

    /** The request ran now, or ran before and this is its kept answer. */
    record Answered(Answer answer) implements Execution {
    }

    /** The key was used with a different request. */
    record KeyReused() implements Execution {
    }

    /** Another request with this key is still running; the client may try again shortly. */
    record StillRunning() implements Execution {
    }
}

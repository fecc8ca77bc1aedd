package dev.marquee.contracts.sandbox;

/**
 * How the sandbox payment provider's webhook deliveries misbehave ({@code /sandbox/v1/payments/webhooks}).
 *
 * @param duplicateRate the probability (0..1) that an event is delivered twice, the copy a little later
 * @param reorderWindowMs each event first waits a random 0..this many milliseconds, so events can arrive out of order
 * @param paused nothing is sent until unpaused; deliveries queue up meanwhile
 */
public record WebhookSettings(double duplicateRate, long reorderWindowMs, boolean paused) {
    /** Deliveries as they should be. */
    public static final WebhookSettings NORMAL = new WebhookSettings(0, 0, false);

    public WebhookSettings {
        if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
            throw new IllegalArgumentException("duplicateRate must be from 0 to 1, was " + duplicateRate);
        }
        if (reorderWindowMs < 0) {
            throw new IllegalArgumentException("reorderWindowMs must not be negative, was " + reorderWindowMs);
        }
    }
}

package dev.marquee.sandbox.payments;

/**
 * How webhook deliveries misbehave on purpose; {@link #NORMAL} when they behave.
 *
 * @param duplicateRate the probability (0..1) that an event is delivered twice, the copy a little later
 * @param reorderWindowMs each event waits a random 0..this many milliseconds before its first attempt,
 *     so that events can arrive out of order
 * @param paused deliveries queue up and none is sent until unpaused
 */
public record DeliverySettings(double duplicateRate, long reorderWindowMs, boolean paused) {
    public static final DeliverySettings NORMAL = new DeliverySettings(0, 0, false);
    /** Longest reorder window accepted, so that a typo cannot hold events back for hours. */
    public static final long MAX_REORDER_WINDOW_MS = 300_000;

    public DeliverySettings {
        if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
            throw new InvalidSetting("duplicateRate", "duplicateRate must be a number from 0 to 1, was " + duplicateRate);
        }
        if (reorderWindowMs < 0 || reorderWindowMs > MAX_REORDER_WINDOW_MS) {
            throw new InvalidSetting("reorderWindowMs", "reorderWindowMs must be from 0 to " + MAX_REORDER_WINDOW_MS
                    + " milliseconds, was " + reorderWindowMs);
        }
    }

    /** A setting that makes no sense; names the field at fault. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private final String field;

        public InvalidSetting(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}

package dev.marquee.spi;

/**
 * What the chain answered to releasing a lock ({@link TheatreAdapter#release}).
 *
 * @since 3
 */
public sealed interface ReleaseOutcome {

    /**
     * The lock holds no seats: it was released now, or it had been released before, had expired, or the
     * chain does not know it. Its seats are free unless something else holds them.
     */
    record Released() implements ReleaseOutcome {
    }

    /**
     * The lock was confirmed and is a booking; nothing was freed and the booking stands. To free its seats,
     * cancel the booking ({@link TheatreAdapter#cancelBooking}).
     */
    record AlreadyConfirmed() implements ReleaseOutcome {
    }
}

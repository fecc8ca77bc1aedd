package dev.marquee.booking.bookings;

/**
 * Told what each reconciliation round found, so that the gateway can count divergences where they are watched (a
 * metrics registry). Called on the reconciler's thread at the end of every round, including rounds that found nothing;
 * a failure here is logged and never breaks the round.
 */
@FunctionalInterface
public interface ReconciliationMetrics {

    /** Counts nothing. */
    ReconciliationMetrics NONE = round -> {
    };

    void recorded(Reconciler.Round round);
}

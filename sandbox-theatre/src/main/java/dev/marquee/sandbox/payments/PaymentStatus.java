package dev.marquee.sandbox.payments;

/** Where a payment stands. A FAILED payment may still be paid: each attempt is its own event. */
public enum PaymentStatus {
    OPEN, SUCCEEDED, FAILED, REFUNDED;

    /** Whether money was taken: paying again changes nothing. */
    public boolean paid() {
        return this == SUCCEEDED || this == REFUNDED;
    }
}

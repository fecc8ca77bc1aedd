package dev.marquee.contracts.sandbox;

/** Where a payment at the sandbox payment provider stands (contracts/payment-provider-api.yaml). */
public enum PaymentStatus {
    /** Made, not paid yet. */
    OPEN,
    /** Paid. */
    SUCCEEDED,
    /** The last attempt was declined; the payer may still pay. */
    FAILED,
    /** Paid, then refunded in full. */
    REFUNDED
}

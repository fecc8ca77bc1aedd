package dev.marquee.booking.payments;

/** The payment provider could not be reached, or did not do what was asked. */
public class PaymentProviderException extends RuntimeException {
    private final boolean transientFailure;

    public PaymentProviderException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether trying again later may succeed (the provider was down or slow), as opposed to a refusal. */
    public boolean isTransient() {
        return transientFailure;
    }
}

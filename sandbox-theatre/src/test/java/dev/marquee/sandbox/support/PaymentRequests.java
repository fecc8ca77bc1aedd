package dev.marquee.sandbox.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Bodies of {@code POST /payments/v1/payments}, built instead of copied. */
public final class PaymentRequests {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private PaymentRequests(String reference) {
        fields.put("reference", reference);
        fields.put("amount", "18.00");
        fields.put("currency", "GBP");
        fields.put("description", "2 seats, Dune: Part Two");
        fields.put("customerEmail", "ada@example.com");
        fields.put("notifyUrl", "http://127.0.0.1:9/not-listening");
    }

    /** £18.00 for 2 seats, notifying nowhere until {@link #notifyUrl} says. */
    public static PaymentRequests payment(String reference) {
        return new PaymentRequests(reference);
    }

    public PaymentRequests amount(String amount) {
        return with("amount", amount);
    }

    public PaymentRequests currency(String currency) {
        return with("currency", currency);
    }

    public PaymentRequests notifyUrl(String notifyUrl) {
        return with("notifyUrl", notifyUrl);
    }

    public PaymentRequests returnUrl(String returnUrl) {
        return with("returnUrl", returnUrl);
    }

    public PaymentRequests description(String description) {
        return with("description", description);
    }

    /** Sets any field; {@code null} leaves it out. */
    public PaymentRequests with(String field, Object value) {
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return this;
    }

    public Map<String, Object> build() {
        return new LinkedHashMap<>(fields);
    }
}

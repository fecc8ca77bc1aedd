package dev.marquee.booking.bookings;

import java.time.Duration;

/** What became of acting on a message (a payment event, a refund request). */
public sealed interface Settlement {

    /** Done, or nothing was left to do. */
    record Done() implements Settlement {
    }

    /** Could not be done now (a chain or provider down); try the same message again after {@code after}. */
    record RetryLater(Duration after, String reason) implements Settlement {
    }

    /** Can never be done; set the message aside for a person to look at. */
    record Rejected(String reason) implements Settlement {
    }

    static Settlement done() {
        return new Done();
    }
}

package dev.marquee.booking.bookings;

import java.time.Duration;
import java.util.Objects;

/**
 * @param cancelUntil how long before the show starts a booking can still be cancelled
 * @param paymentWindow how long after its hold ended an unpaid booking is kept open for a late payment
 *     before it is marked expired; a payment arriving even later is still honoured or refunded
 * @param confirmGiveUpAfter how long a paid booking keeps trying to reach a failing chain before the
 *     payment is refunded
 * @param relockTtl how long the chain locks seats again for a payment that came after its hold expired
 */
public record BookingRules(Duration cancelUntil, Duration paymentWindow, Duration confirmGiveUpAfter, Duration relockTtl) {
    public BookingRules {
        Objects.requireNonNull(cancelUntil, "cancelUntil");
        Objects.requireNonNull(paymentWindow, "paymentWindow");
        Objects.requireNonNull(confirmGiveUpAfter, "confirmGiveUpAfter");
        Objects.requireNonNull(relockTtl, "relockTtl");
    }

    /** 2 h, 30 min, 30 min, 2 min. */
    public static BookingRules defaults() {
        return new BookingRules(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(2));
    }
}

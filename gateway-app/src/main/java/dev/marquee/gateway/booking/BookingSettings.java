package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.BookingRules;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How bookings behave, from {@code marquee.bookings.*}.
 *
 * @param cancelUntil how long before the show starts a booking can still be cancelled (default 2 h)
 * @param paymentWindow how long after its hold ended an unpaid booking is kept open for a late payment
 *     before it is marked expired (default 30 min); a payment arriving even later is still honoured or refunded
 * @param confirmGiveUpAfter how long a paid booking keeps trying to reach a failing chain before the
 *     payment is refunded (default 30 min)
 * @param relockTtl how long the chain locks seats again for a payment that came after its hold expired
 *     (default 2 min: just long enough to confirm)
 * @param sweepInterval how often unpaid bookings are looked at (default 30 s)
 * @param reconcileAfter how long a booking may stay pending payment, confirming, cancelling, or refunded without its
 *     refund before the reconciler asks the payment provider and the chain about it, and how long a confirmed booking
 *     is left before it is checked once against its chain (default 10 min)
 */
@ConfigurationProperties("marquee.bookings")
public record BookingSettings(
        @Nullable Duration cancelUntil,
        @Nullable Duration paymentWindow,
        @Nullable Duration confirmGiveUpAfter,
        @Nullable Duration relockTtl,
        @Nullable Duration sweepInterval,
        @Nullable Duration reconcileAfter) {

    public BookingSettings {
        cancelUntil = cancelUntil == null ? Duration.ofHours(2) : cancelUntil;
        paymentWindow = paymentWindow == null ? Duration.ofMinutes(30) : paymentWindow;
        confirmGiveUpAfter = confirmGiveUpAfter == null ? Duration.ofMinutes(30) : confirmGiveUpAfter;
        relockTtl = relockTtl == null ? Duration.ofMinutes(2) : relockTtl;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(30) : sweepInterval;
        reconcileAfter = reconcileAfter == null ? Duration.ofMinutes(10) : reconcileAfter;
        notNegative(cancelUntil, "cancel-until");
        positive(paymentWindow, "payment-window");
        positive(confirmGiveUpAfter, "confirm-give-up-after");
        positive(relockTtl, "relock-ttl");
        positive(sweepInterval, "sweep-interval");
        positive(reconcileAfter, "reconcile-after");
    }

    /** The rules the core applies to bookings. */
    public BookingRules rules() {
        return new BookingRules(cancelUntil, paymentWindow, confirmGiveUpAfter, relockTtl);
    }

    public static BookingSettings defaults() {
        return new BookingSettings(null, null, null, null, null, null);
    }

    private static void notNegative(Duration value, String key) {
        if (value.isNegative()) {
            throw new ConfigurationException("marquee.bookings." + key + " must not be negative, got " + value);
        }
    }

    private static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException("marquee.bookings." + key + " must be positive, got " + value);
        }
    }
}

package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.Bookings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes bookings that were never paid; safe on several gateway instances (each change is conditional). */
@Singleton
@Requires(property = "marquee.bookings.sweep", notEquals = "false")
public class BookingSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(BookingSweeper.class);

    private final Bookings bookings;

    public BookingSweeper(Bookings bookings) {
        this.bookings = bookings;
    }

    @Scheduled(fixedDelay = "${marquee.bookings.sweep-interval:30s}", initialDelay = "${marquee.bookings.sweep-interval:30s}")
    void sweep() {
        try {
            int expired = bookings.expireUnpaid();
            if (expired > 0) {
                LOG.debug("{} unpaid bookings expired", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("Unpaid-booking sweep failed; trying again at the next interval", e);
        }
    }
}

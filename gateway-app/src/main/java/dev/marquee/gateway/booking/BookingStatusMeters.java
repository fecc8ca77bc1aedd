package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.BookingStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookings by status as gauges ({@code marquee_bookings{status=…}} on {@code /prometheus}), all instances' bookings
 * from the shared database. One grouped count over the indexed status column, made at most every {@link #FRESH_FOR}
 * however often the gauges are scraped, so a scrape never costs more than that; a count that fails keeps the last one.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class BookingStatusMeters implements MeterBinder {
    static final String NAME = "marquee.bookings";
    static final Duration FRESH_FOR = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(BookingStatusMeters.class);

    // Resolved at the first scrape, not when the registry is built: the data source's own metrics need the registry.
    private final BeanProvider<TransactionOperations<Connection>> transactions;
    private final Clock clock;
    private Map<BookingStatus, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    public BookingStatusMeters(BeanProvider<TransactionOperations<Connection>> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (BookingStatus status : BookingStatus.values()) {
            Gauge.builder(NAME, this, meters -> meters.count(status)).tag("status", status.name())
                    .description("Bookings in each status, across every gateway instance").register(registry);
        }
    }

    synchronized double count(BookingStatus status) {
        Instant now = clock.instant();
        if (countedAt.plus(FRESH_FOR).isBefore(now) || now.isBefore(countedAt)) {
            try {
                counts = countAll();
            } catch (RuntimeException e) {
                LOG.warn("Could not count bookings by status; the metric keeps the last count", e);
            }
            countedAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }

    private Map<BookingStatus, Long> countAll() {
        return transactions.get().executeRead(tx -> {
            Map<BookingStatus, Long> byStatus = new EnumMap<>(BookingStatus.class);
            try (PreparedStatement select = tx.getConnection().prepareStatement(
                    "SELECT status, COUNT(*) FROM bookings GROUP BY status");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byStatus.put(BookingStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return byStatus;
        });
    }
}

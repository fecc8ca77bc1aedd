package dev.marquee.gateway.booking;

import dev.marquee.booking.bookings.BookingStore;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.testing.BookingStoreContract;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The JDBC store on PostgreSQL passes the same contract as the core's in-memory fake. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
class JdbcBookingStoreTest extends BookingStoreContract {
    @Inject
    JdbcBookingStore store;
    @Inject
    HoldStore holdStore;
    @Inject
    Transactions transactions;

    @Override
    protected BookingStore store() {
        return store;
    }

    @Override
    protected HoldStore holdStore() {
        return holdStore;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}

package dev.marquee.gateway.waitlist;

import dev.marquee.booking.testing.WaitlistStoreContract;
import dev.marquee.booking.waitlist.WaitlistStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The JDBC store on PostgreSQL passes the same contract as the core's in-memory fake. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
class JdbcWaitlistStoreTest extends WaitlistStoreContract {
    @Inject
    JdbcWaitlistStore store;

    @Override
    protected WaitlistStore store() {
        return store;
    }
}

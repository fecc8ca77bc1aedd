package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.testing.HoldStoreContract;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The JDBC store on PostgreSQL passes the same contract as the core's in-memory fake. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
class JdbcHoldStoreTest extends HoldStoreContract {
    @Inject
    JdbcHoldStore store;

    @Override
    protected HoldStore store() {
        return store;
    }
}

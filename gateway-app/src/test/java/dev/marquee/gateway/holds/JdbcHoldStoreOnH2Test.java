package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.testing.HoldStoreContract;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/**
 * The same contract on the embedded default's database, H2 in PostgreSQL mode: there the quota row is made before the
 * recording transaction and locked with {@code FOR UPDATE} instead of PostgreSQL's upsert, and the hold's insert that
 * checks the per-email limit must work on both.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "datasources.default.url",
        value = "jdbc:h2:mem:holds;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@Property(name = "datasources.default.username", value = "sa")
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
@Property(name = "marquee.waiting-room.admit", value = "false")
class JdbcHoldStoreOnH2Test extends HoldStoreContract {
    @Inject
    JdbcHoldStore store;

    @Override
    protected HoldStore store() {
        return store;
    }
}

package dev.marquee.gateway.catalog;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The same rules on the embedded default's database, H2 in PostgreSQL mode: the same statements, no path of its own. */
@MicronautTest(environments = "test", transactional = false, startApplication = false)
@Property(name = "datasources.default.url",
        value = "jdbc:h2:mem:leases;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@Property(name = "datasources.default.username", value = "sa")
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
@Property(name = "marquee.waiting-room.admit", value = "false")
class JdbcSyncLeasesOnH2Test extends SyncLeasesContract {
    @Inject
    JdbcSyncLeases leases;

    @Override
    protected SyncLeases leases() {
        return leases;
    }
}

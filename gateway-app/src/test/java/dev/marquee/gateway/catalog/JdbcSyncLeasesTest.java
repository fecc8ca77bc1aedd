package dev.marquee.gateway.catalog;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The lease rules on PostgreSQL, where several gateway instances share the database. */
@MicronautTest(environments = "test", transactional = false, startApplication = false)
@Property(name = "marquee.sync.enabled", value = "false")
class JdbcSyncLeasesTest extends SyncLeasesContract {
    @Inject
    JdbcSyncLeases leases;

    @Override
    protected SyncLeases leases() {
        return leases;
    }
}

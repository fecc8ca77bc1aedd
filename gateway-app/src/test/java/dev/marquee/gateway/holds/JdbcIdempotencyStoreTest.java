package dev.marquee.gateway.holds;

import dev.marquee.booking.idempotency.IdempotencyStore;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.testing.IdempotencyStoreContract;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The JDBC store on PostgreSQL passes the same contract as the core's in-memory fake. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
class JdbcIdempotencyStoreTest extends IdempotencyStoreContract {
    @Inject
    JdbcIdempotencyStore store;
    @Inject
    Transactions transactions;

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}

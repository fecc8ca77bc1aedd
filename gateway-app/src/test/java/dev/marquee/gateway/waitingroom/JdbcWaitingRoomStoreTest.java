package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.testing.WaitingRoomStoreContract;
import dev.marquee.booking.waitingroom.WaitingRoomStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/** The JDBC store on PostgreSQL passes the same contract as the core's in-memory fake. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
@Property(name = "marquee.waiting-room.admit", value = "false")
class JdbcWaitingRoomStoreTest extends WaitingRoomStoreContract {
    @Inject
    JdbcWaitingRoomStore store;
    @Inject
    Transactions transactions;

    @Override
    protected WaitingRoomStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}

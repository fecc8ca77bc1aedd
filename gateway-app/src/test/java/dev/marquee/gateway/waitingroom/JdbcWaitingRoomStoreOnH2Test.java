package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.testing.WaitingRoomStoreContract;
import dev.marquee.booking.waitingroom.WaitingRoomStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

/**
 * The same contract on the embedded default's database, H2 in PostgreSQL mode, migrated by the same Flyway scripts:
 * {@code V13__waiting_room.sql} and the store's SQL (the gate's {@code FOR UPDATE}, the attempts' {@code CASE}) must
 * work on both.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "datasources.default.url",
        value = "jdbc:h2:mem:waiting-room;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@Property(name = "datasources.default.username", value = "sa")
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
@Property(name = "marquee.waiting-room.admit", value = "false")
class JdbcWaitingRoomStoreOnH2Test extends WaitingRoomStoreContract {
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

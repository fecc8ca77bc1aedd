package dev.marquee.gateway.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.testing.FixedMovies;
import dev.marquee.booking.testing.InMemoryShows;
import dev.marquee.booking.testing.Race;
import dev.marquee.booking.testing.ShowBuilder;
import dev.marquee.booking.testing.TestClock;
import dev.marquee.booking.testing.UniqueIds;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.booking.waitingroom.QueueJoin;
import dev.marquee.booking.waitingroom.QueueMode;
import dev.marquee.booking.waitingroom.QueueScope;
import dev.marquee.booking.waitingroom.WaitingRoom;
import dev.marquee.booking.waitingroom.WaitingRoomRules;
import dev.marquee.booking.waitingroom.WaitingRoomStore;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.secrets.Sealing;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Admitters of several gateway instances racing on one queue in the real database, time moved by a test clock:
 * two instances admit strictly in join order and together at the configured rate, nobody twice; and the control run,
 * with the gate's row lock taken out, admits more than the rate allows, counted from the {@code queue_places} table.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "marquee.holds.sweep", value = "false")
@Property(name = "marquee.bookings.sweep", value = "false")
@Property(name = "marquee.waitlist.serve", value = "false")
@Property(name = "marquee.waiting-room.admit", value = "false")
class AdmissionRaceTest {
    private static final int RACERS = 4;

    @Inject
    JdbcWaitingRoomStore store;
    @Inject
    Transactions transactions;
    @Inject
    TransactionOperations<Connection> connections;
    @Inject
    SingleStatements statements;
    @Inject
    Sealing sealing;

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final InMemoryShows shows = new InMemoryShows();
    private final String show = UniqueIds.next("show");

    /** One gateway instance's waiting room over the given store. */
    private WaitingRoom instance(WaitingRoomStore over, Transactions in) {
        return new WaitingRoom(over, in, shows, new FixedMovies(), Secrets.random(), WaitingRoomRules.defaults(), clock);
    }

    private void queueMode(int perMinute) {
        shows.put(ShowBuilder.aShow(clock).id(show).build());
        store.putMode(new QueueMode(QueueScope.show(show), perMinute, Duration.ofMinutes(10), false, clock.instant(), null));
    }

    @Test
    void twoInstancesServeOneQueueInJoinOrderAtTheConfiguredRateAndNobodyTwice() {
        int perMinute = 600;
        queueMode(perMinute);
        WaitingRoom[] instances = {instance(store, transactions), instance(store, transactions)};
        for (int i = 0; i < 400; i++) {
            assertThat(instances[i % 2].join(show, "fan" + i + "@example.com")).isInstanceOf(QueueJoin.Joined.class);
        }
        Instant start = clock.instant();

        int reported = 0;
        while (waiting() > 0) {
            clock.advance(Duration.ofMillis(250));
            AtomicInteger racer = new AtomicInteger();
            reported += Race.run(RACERS, () -> instances[racer.getAndIncrement() % 2].admitDue(show)).stream()
                    .mapToInt(Integer::intValue).sum();
        }

        List<Admitted> admitted = admittedInJoinOrder();
        assertThat(admitted).hasSize(400);
        assertThat(reported).as("admissions reported by the admitters, each place once").isEqualTo(400);
        assertThat(admitted.stream().map(Admitted::tokenHash).distinct()).hasSize(400);
        for (int i = 1; i < admitted.size(); i++) {
            assertThat(admitted.get(i).at()).as("admitted no earlier than whoever joined before").isAfterOrEqualTo(admitted.get(i - 1).at());
        }
        double minutes = Duration.between(start, admitted.getLast().at()).toMillis() / 60_000.0;
        assertThat(400 / minutes).isCloseTo(perMinute, within(perMinute * 0.05));
    }

    @Test
    void placesJoiningWhileAdmittersRunAreAdmittedInJoinOrder() throws Exception {
        queueMode(6_000);
        WaitingRoom[] instances = {instance(store, transactions), instance(store, transactions)};
        List<Future<?>> joiners = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            for (int j = 0; j < RACERS; j++) {
                int joiner = j;
                joiners.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        instances[i % 2].join(show, "fan" + joiner + "-" + i + "@example.com");
                    }
                }));
            }
            while (joiners.stream().anyMatch(f -> !f.isDone()) || waiting() > 0) {
                clock.advance(Duration.ofMillis(20));
                AtomicInteger racer = new AtomicInteger();
                Race.run(2, () -> instances[racer.getAndIncrement()].admitDue(show));
            }
            for (Future<?> joined : joiners) {
                joined.get();
            }
        }

        List<Admitted> admitted = admittedInJoinOrder();
        assertThat(admitted).hasSize(100 * RACERS);
        for (int i = 1; i < admitted.size(); i++) {
            assertThat(admitted.get(i).at()).as("admitted no earlier than whoever joined before").isAfterOrEqualTo(admitted.get(i - 1).at());
        }
    }

    @Test
    void aRoundOfConcurrentAdmittersAdmitsOnlyWhatTheRateAllows() {
        assertThat(admittedInOneRaceRound(store, transactions)).isEqualTo(10);
    }

    /** The control run: without the gate's row lock every racer admits the whole round's share. */
    @Test
    void withoutTheGatesRowLockConcurrentAdmittersAdmitMoreThanTheRateAllows() {
        UnguardedGate unguarded = new UnguardedGate(connections, statements, sealing);

        assertThat(admittedInOneRaceRound(unguarded, unguarded.transactions(transactions))).isEqualTo(10 * RACERS);
    }

    /**
     * At 600 a minute, one second after the queue's gate was made: 10 are due. {@value #RACERS} admitters race for
     * them; the answer is how many places the table holds as admitted.
     */
    private int admittedInOneRaceRound(WaitingRoomStore over, Transactions in) {
        queueMode(600);
        WaitingRoom setUp = instance(store, transactions);
        for (int i = 0; i < 100; i++) {
            setUp.join(show, "fan" + i + "@example.com");
        }
        clock.advance(Duration.ofSeconds(1));
        WaitingRoom[] instances = {instance(over, in), instance(over, in)};
        AtomicInteger racer = new AtomicInteger();

        Race.run(RACERS, () -> instances[racer.getAndIncrement() % 2].admitDue(show));

        return admittedInJoinOrder().size();
    }

    private int waiting() {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM queue_places WHERE show_id = ? AND status = 'WAITING'")) {
                select.setString(1, show);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private List<Admitted> admittedInJoinOrder() {
        return statements.read(c -> {
            List<Admitted> admitted = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT admitted_at, admission_token_hash FROM queue_places "
                    + "WHERE show_id = ? AND status = 'ADMITTED' ORDER BY seq")) {
                select.setString(1, show);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        admitted.add(new Admitted(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2)));
                    }
                }
            }
            return admitted;
        });
    }

    private record Admitted(Instant at, String tokenHash) {
    }

    /**
     * The gate read without its row lock, and every racer made to read it before any admits (then they admit one at a
     * time, each after the one before committed): the interleaving the lock exists to prevent.
     */
    private static final class UnguardedGate extends JdbcWaitingRoomStore {
        private final CyclicBarrier allRead = new CyclicBarrier(RACERS);
        private final ReentrantLock turn = new ReentrantLock();

        UnguardedGate(TransactionOperations<Connection> transactions, SingleStatements statements, Sealing sealing) {
            super(transactions, statements, sealing);
        }

        @Override
        protected Optional<Instant> selectGateForUpdate(Connection c, String showId) throws SQLException {
            Optional<Instant> gate;
            try (PreparedStatement select = c.prepareStatement("SELECT accounted_up_to FROM queue_gates WHERE show_id = ?")) {
                select.setString(1, showId);
                try (ResultSet rs = select.executeQuery()) {
                    gate = rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty();
                }
            }
            try {
                allRead.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the racers did not all read the gate", e);
            }
            turn.lock();
            return gate;
        }

        /** The racer's turn ends once its transaction committed. */
        Transactions transactions(Transactions real) {
            return new Transactions() {
                @Override
                public <T> T atomically(Supplier<T> work) {
                    try {
                        return real.atomically(work);
                    } finally {
                        if (turn.isHeldByCurrentThread()) {
                            turn.unlock();
                        }
                    }
                }
            };
        }
    }
}

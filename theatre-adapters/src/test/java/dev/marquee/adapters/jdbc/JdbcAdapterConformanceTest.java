package dev.marquee.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.adapters.SandboxChainControl;
import dev.marquee.adapters.rest.RestTheatreAdapterFactory;
import dev.marquee.contracts.conformance.ChainControl;
import dev.marquee.contracts.conformance.TheatreAdapterConformance;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ChainContext;
import dev.marquee.spi.ChainMetrics;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreProtocolException;
import dev.marquee.spi.TheatreTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit run against the JDBC adapter writing to the database of a running sandbox theatre,
 * while the sandbox itself (its expiry sweeper, its admin API and its theatre API) writes to it too.
 * Below the kit: the database and the chain's theatre API list the same catalogue, take each other's
 * cursors, see each other's locks and race fairly; expiry follows the adapter's clock; and a statement
 * stuck behind another writer's row lock times out.
 */
class JdbcAdapterConformanceTest extends TheatreAdapterConformance {
    private static final Duration TTL = Duration.ofMinutes(5);

    private static SandboxTheatre sandbox;
    private static TheatreAdapter adapter;
    private static TheatreAdapter overHttp;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxTheatre.builder().seed(12).size("small").start();
        // A small page size, so that every catalogue read of the small catalogue crosses pages.
        adapter = new JdbcTheatreAdapterFactory().create("sandbox-12", settings(Map.of("page-size", "25")));
        overHttp = new RestTheatreAdapterFactory().create("sandbox-12-http", Map.of("base-url", sandbox.baseUrl().toString()));
    }

    @AfterAll
    static void stopSandbox() {
        for (AutoCloseable open : new AutoCloseable[] {adapter, overHttp, sandbox}) {
            if (open != null) {
                try {
                    open.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not close " + open, e);
                }
            }
        }
    }

    private static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("url", sandbox.jdbcUrl(), "username", "postgres"));
        settings.putAll(more);
        return settings;
    }

    @Override
    protected TheatreAdapter adapter() {
        return adapter;
    }

    @Override
    protected ChainControl chain() {
        return new SandboxChainControl(sandbox.admin());
    }

    @Test
    void theFullCatalogueIsWhatTheChainsApiLists() {
        CatalogChanges direct = adapter.readCatalog(CatalogCursor.START);
        CatalogChanges api = overHttp.readCatalog(CatalogCursor.START);

        assertThat(direct.complete()).isEqualTo(api.complete()).isTrue();
        assertThat(direct.cities()).containsExactlyInAnyOrderElementsOf(api.cities());
        assertThat(direct.cinemas()).containsExactlyInAnyOrderElementsOf(api.cinemas());
        assertThat(direct.halls()).containsExactlyInAnyOrderElementsOf(api.halls());
        assertThat(direct.movies()).containsExactlyInAnyOrderElementsOf(api.movies());
        assertThat(direct.shows()).containsExactlyInAnyOrderElementsOf(api.shows());
    }

    @Test
    void cursorsOfTheChainsApiAndOfTheDatabaseServeEachOther() {
        CatalogCursor fromApi = overHttp.readCatalog(CatalogCursor.START).next();
        CatalogCursor fromDatabase = adapter.readCatalog(CatalogCursor.START).next();
        FreshShow show = freshShow();
        lockedBy(overHttp, show, show.seats(0, 2));

        for (CatalogCursor cursor : List.of(fromApi, fromDatabase)) {
            assertThat(adapter.readCatalog(cursor).shows()).as("read through the database since " + cursor)
                    .anySatisfy(changed -> {
                        assertThat(changed.ref()).isEqualTo(show.ref());
                        assertThat(changed.seatsAvailable()).isEqualTo(show.hall().layout().capacity() - 2);
                    });
            assertThat(overHttp.readCatalog(cursor).shows()).as("read through the API since " + cursor)
                    .anySatisfy(changed -> assertThat(changed.ref()).isEqualTo(show.ref()));
        }
    }

    @Test
    void racersThroughTheDatabaseAndThroughTheChainsApiHaveOneWinner() throws Exception {
        FreshShow show = freshShow();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LockOutcome>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                TheatreAdapter through = i % 2 == 0 ? adapter : overHttp;
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return lockBy(through, show, show.seats(0, 3));
                }));
            }
            start.countDown();
            List<LockOutcome> results = new ArrayList<>();
            for (Future<LockOutcome> outcome : outcomes) {
                results.add(outcome.get());
            }

            assertThat(results).filteredOn(LockOutcome.Locked.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(LockOutcome.SeatsTaken.class::isInstance).hasSize(racers - 1);
        }
        assertThat(adapter.readSeats(show.ref()).heldSeats()).containsExactlyInAnyOrderElementsOf(show.seats(0, 3));
    }

    @Test
    void aLockMadeThroughTheDatabaseIsTakenForTheChainsApi() {
        FreshShow show = freshShow();
        lockedBy(adapter, show, show.seats(0, 2));

        assertThat(overHttp.readSeats(show.ref()).heldSeats()).containsExactlyInAnyOrderElementsOf(show.seats(0, 2));
        assertThat(lockBy(overHttp, show, show.seats(1, 2))).isEqualTo(new LockOutcome.SeatsTaken(List.of(show.seat(1))));
    }

    @Test
    void aLockMadeThroughTheChainsApiIsTakenForTheDatabase() {
        FreshShow show = freshShow();
        lockedBy(overHttp, show, show.seats(0, 2));

        assertThat(adapter.readSeats(show.ref()).heldSeats()).containsExactlyInAnyOrderElementsOf(show.seats(0, 2));
        assertThat(lockBy(adapter, show, show.seats(1, 2))).isEqualTo(new LockOutcome.SeatsTaken(List.of(show.seat(1))));
    }

    @Test
    void aBookingMadeThroughTheDatabaseIsSoldForTheChainsApiAndCancellableThere() {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = lockedBy(adapter, show, show.seats(0, 2));
        ConfirmOutcome.Confirmed booked = (ConfirmOutcome.Confirmed) adapter.confirm(
                new ConfirmRequest(locked.lockRef(), reference("booking")));

        assertThat(overHttp.readSeats(show.ref()).soldSeats()).containsExactlyInAnyOrderElementsOf(show.seats(0, 2));
        assertThat(overHttp.cancelBooking(booked.bookingRef())).isEqualTo(new CancelOutcome.Cancelled());
        assertThat(adapter.readSeats(show.ref()).soldSeats()).isEmpty();
    }

    @Test
    void aLockConfirmedThroughTheChainsApiIsAlreadyConfirmedForTheDatabaseWithItsTickets() {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = lockedBy(overHttp, show, show.seats(0, 3));
        ConfirmRequest request = new ConfirmRequest(locked.lockRef(), reference("booking"));
        ConfirmOutcome.Confirmed booked = (ConfirmOutcome.Confirmed) overHttp.confirm(request);

        assertThat(adapter.confirm(request)).isEqualTo(new ConfirmOutcome.AlreadyConfirmed(booked.bookingRef(), booked.tickets()));
    }

    @Test
    void aConfirmedBookingWithoutTicketsInTheDatabaseBreaksTheContract() throws SQLException {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = lockedBy(adapter, show, show.seats(0, 1));
        ConfirmRequest request = new ConfirmRequest(locked.lockRef(), reference("booking"));
        ConfirmOutcome.Confirmed booked = (ConfirmOutcome.Confirmed) adapter.confirm(request);
        try (Connection c = DriverManager.getConnection(sandbox.jdbcUrl(), "postgres", "");
                PreparedStatement dropTickets = c.prepareStatement("DELETE FROM tickets WHERE booking_id = ?")) {
            dropTickets.setString(1, booked.bookingRef());
            dropTickets.executeUpdate();
        }

        assertThatThrownBy(() -> adapter.confirm(request))
                .isInstanceOfSatisfying(TheatreProtocolException.class, e -> assertThat(e.chainId()).isEqualTo("sandbox-12"))
                .hasMessageContaining("confirm of lock " + locked.lockRef())
                .hasMessageContaining("booking " + booked.bookingRef()).hasMessageContaining("no tickets");
    }

    @Test
    void expiryIsJudgedByTheClockOfTheGatewaysContext() {
        FreshShow show = freshShow();
        LockOutcome.Locked locked = lockedBy(adapter, show, show.seats(0, 2));
        try (TheatreAdapter later = new JdbcTheatreAdapterFactory().create(
                context("sandbox-12-later", Clock.offset(Clock.systemUTC(), TTL.plusMinutes(1))), settings(Map.of("pool-size", "1")))) {

            assertThat(later.readSeats(show.ref()).heldSeats()).isEmpty();
            assertThat(later.confirm(new ConfirmRequest(locked.lockRef(), reference("booking"))))
                    .isEqualTo(new ConfirmOutcome.LockExpired());
            assertThat(lockBy(later, show, show.seats(0, 2))).isInstanceOf(LockOutcome.Locked.class);
        }
        assertThat(adapter.readSeats(show.ref()).heldSeats())
                .as("now the later lock holds them, for another five minutes beyond its clock")
                .containsExactlyInAnyOrderElementsOf(show.seats(0, 2));
    }

    @Test
    void aStatementStuckBehindAnotherWritersRowLockTimesOut() throws SQLException {
        FreshShow show = freshShow();
        try (Connection other = DriverManager.getConnection(sandbox.jdbcUrl(), "postgres", "");
                TheatreAdapter impatient = new JdbcTheatreAdapterFactory().create("sandbox-12-impatient",
                        settings(Map.of("statement-timeout", "300ms", "pool-size", "1")))) {
            other.setAutoCommit(false);
            try (PreparedStatement holdShow = other.prepareStatement("SELECT id FROM shows WHERE id = ? FOR UPDATE")) {
                holdShow.setString(1, show.ref());
                holdShow.executeQuery().close();
            }

            assertThatThrownBy(() -> lockBy(impatient, show, show.seats(0, 1)))
                    .isInstanceOfSatisfying(TheatreTimeoutException.class,
                            e -> assertThat(e.chainId()).isEqualTo("sandbox-12-impatient"))
                    .hasMessageContaining("lockSeats of show " + show.ref());

            other.rollback();
            assertThat(lockBy(impatient, show, show.seats(0, 1))).as("free again once the other writer is done")
                    .isInstanceOf(LockOutcome.Locked.class);
        }
    }

    private static ChainContext context(String chainId, Clock clock) {
        return new ChainContext(chainId, clock, ChainContext.LOGGER_PREFIX + chainId, ChainMetrics.NONE);
    }

    private static LockOutcome lockBy(TheatreAdapter through, FreshShow show, List<String> seats) {
        return through.lockSeats(new SeatLockRequest(show.ref(), seats, TTL, reference("lock")));
    }

    private static LockOutcome.Locked lockedBy(TheatreAdapter through, FreshShow show, List<String> seats) {
        LockOutcome outcome = lockBy(through, show, seats);
        assertThat(outcome).isInstanceOf(LockOutcome.Locked.class);
        return (LockOutcome.Locked) outcome;
    }

    @Override
    protected boolean looksUpByReference() {
        return true;
    }
}

package dev.marquee.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.web.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What one instance believes about its lease on a chain: it syncs only while its last won term lasts by its own clock. */
class ChainLeaseTest {
    private static final Duration TERM = Duration.ofSeconds(15);

    private final TestClock clock = new TestClock();
    private final InMemorySyncLeases store = new InMemorySyncLeases();
    private final ChainLease a = new ChainLease("aurora", "gateway-a", store, TERM, clock);
    private final ChainLease b = new ChainLease("aurora", "gateway-b", store, TERM, clock);

    @Test
    void theFirstInstanceToAskSyncsTheChainAndTheOtherDoesNot() {
        assertThat(a.renew()).isTrue();
        assertThat(b.renew()).isFalse();
        assertThat(a.held()).isTrue();
        assertThat(b.held()).isFalse();
    }

    @Test
    void anInstanceThatKeepsRenewingKeepsTheChain() {
        a.renew();
        for (int i = 0; i < 10; i++) {
            clock.advance(a.renewEvery());
            assertThat(a.renew()).isTrue();
            assertThat(b.renew()).isFalse();
        }
    }

    @Test
    void whenTheSyncingInstanceStopsRenewingAnotherTakesOverAtTheEndOfItsTerm() {
        a.renew();
        clock.advance(TERM.minusMillis(1));
        assertThat(b.renew()).isFalse();

        clock.advance(Duration.ofMillis(1));

        assertThat(a.held()).as("the silent instance's own view: its term is over").isFalse();
        assertThat(b.renew()).isTrue();
        assertThat(a.renew()).as("the old holder, back, finds the chain taken").isFalse();
    }

    @Test
    void aHolderThatCannotReachTheStoreKeepsOnlyTheTermItWon() {
        FailingLeases failing = new FailingLeases(store);
        ChainLease lease = new ChainLease("aurora", "gateway-a", failing, TERM, clock);
        lease.renew();
        failing.down = true;

        clock.advance(TERM.dividedBy(2));
        assertThat(lease.renew()).as("half way through its term").isTrue();
        clock.advance(TERM.dividedBy(2));
        assertThat(lease.renew()).as("at the end of its term").isFalse();
        assertThat(b.renew()).isTrue();
    }

    @Test
    void aReleasedChainIsTakenByAnotherInstanceAtOnce() {
        a.renew();
        clock.advance(Duration.ofSeconds(1));

        a.release();

        assertThat(a.held()).isFalse();
        assertThat(b.renew()).isTrue();
    }

    @Test
    void aChainIsRenewedThreeTimesATerm() {
        assertThat(a.renewEvery()).isEqualTo(Duration.ofSeconds(5));
    }

    private static final class FailingLeases implements SyncLeases {
        private final SyncLeases store;
        volatile boolean down;

        FailingLeases(SyncLeases store) {
            this.store = store;
        }

        @Override
        public boolean hold(String chainId, String holder, Instant now, Duration term) {
            if (down) {
                throw new IllegalStateException("the database cannot be reached");
            }
            return store.hold(chainId, holder, now, term);
        }

        @Override
        public void release(String chainId, String holder, Instant now) {
            store.release(chainId, holder, now);
        }
    }
}

package dev.marquee.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of chain sync leases, which the JDBC store (on PostgreSQL and on H2) and the in-memory one both follow.
 * Time is passed in and moved by the test; nothing sleeps.
 */
public abstract class SyncLeasesContract {
    protected static final Duration TERM = Duration.ofSeconds(15);
    private static final AtomicInteger CHAINS = new AtomicInteger();

    private Instant now = Instant.parse("2026-03-10T12:00:00Z");
    private String chain;

    protected abstract SyncLeases leases();

    @BeforeEach
    void aChainNoOneHasAsked() {
        // A chain of its own per test, so that stored leases of earlier tests do not matter.
        chain = "chain-" + System.nanoTime() % 1_000_000 + "-" + CHAINS.incrementAndGet();
    }

    @Test
    void aChainNoOneHoldsIsTakenByTheFirstToAsk() {
        assertThat(leases().hold(chain, "gateway-a", now, TERM)).isTrue();
        assertThat(leases().hold(chain, "gateway-b", now, TERM)).isFalse();
    }

    @Test
    void theHolderRenewsItsLeaseAndKeepsItPastTheFirstTerm() {
        leases().hold(chain, "gateway-a", now, TERM);
        now = now.plus(TERM.dividedBy(3));
        assertThat(leases().hold(chain, "gateway-a", now, TERM)).isTrue();

        now = now.plus(TERM.dividedBy(3).multipliedBy(2)).plusSeconds(1);
        assertThat(leases().hold(chain, "gateway-b", now, TERM)).as("within the renewed term").isFalse();
    }

    @Test
    void anotherInstanceCannotTakeALeaseUntilItsTermEnds() {
        leases().hold(chain, "gateway-a", now, TERM);

        now = now.plus(TERM).minusMillis(1);
        assertThat(leases().hold(chain, "gateway-b", now, TERM)).isFalse();
        now = now.plusMillis(1);
        assertThat(leases().hold(chain, "gateway-b", now, TERM)).isTrue();
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverCannotRenewIt() {
        leases().hold(chain, "gateway-a", now, TERM);
        now = now.plus(TERM);
        leases().hold(chain, "gateway-b", now, TERM);

        assertThat(leases().hold(chain, "gateway-a", now.plusSeconds(1), TERM)).isFalse();
        assertThat(leases().hold(chain, "gateway-b", now.plusSeconds(1), TERM)).isTrue();
    }

    @Test
    void aHolderThatRenewsLateStillHasItWhenNoOneTookIt() {
        leases().hold(chain, "gateway-a", now, TERM);
        now = now.plus(TERM.multipliedBy(3));

        assertThat(leases().hold(chain, "gateway-a", now, TERM)).isTrue();
        assertThat(leases().hold(chain, "gateway-b", now, TERM)).isFalse();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() {
        leases().hold(chain, "gateway-a", now, TERM);
        now = now.plusSeconds(1);

        leases().release(chain, "gateway-a", now);

        assertThat(leases().hold(chain, "gateway-b", now, TERM)).isTrue();
    }

    @Test
    void onlyTheHolderCanReleaseALease() {
        leases().hold(chain, "gateway-a", now, TERM);

        leases().release(chain, "gateway-b", now.plusSeconds(1));

        assertThat(leases().hold(chain, "gateway-b", now.plusSeconds(1), TERM)).isFalse();
        assertThat(leases().hold(chain, "gateway-a", now.plusSeconds(1), TERM)).isTrue();
    }

    @Test
    void eachChainHasALeaseOfItsOwn() {
        String other = chain + "-other";
        assertThat(leases().hold(chain, "gateway-a", now, TERM)).isTrue();
        assertThat(leases().hold(other, "gateway-b", now, TERM)).isTrue();
        assertThat(leases().hold(chain, "gateway-b", now, TERM)).isFalse();
        assertThat(leases().hold(other, "gateway-a", now, TERM)).isFalse();
    }

    @Test
    void instancesRacingForANewChainsLeaseLeaveOneHolder() throws Exception {
        for (int round = 0; round < 10; round++) {
            String fresh = chain + "-" + round;
            assertThat(race(leases(), fresh, now)).as("instances that took chain %s's first lease", fresh).isEqualTo(1);
        }
    }

    @Test
    void instancesRacingForAnExpiredLeaseLeaveOneHolder() throws Exception {
        leases().hold(chain, "gateway-dead", now, TERM);
        for (int round = 1; round <= 10; round++) {
            // Each round, the term of the previous round's winner has ended.
            Instant later = now.plus(TERM.multipliedBy(round));
            assertThat(race(leases(), chain, later)).as("instances that took the expired lease in round %d", round).isEqualTo(1);
        }
    }

    /** Eight instances ask for the chain's lease at once; how many were told they hold it. */
    static int race(SyncLeases leases, String chainId, Instant at) throws Exception {
        int instances = 8;
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String holder = "gateway-" + i + "-" + at.getEpochSecond();
                answers.add(threads.submit((Callable<Boolean>) () -> {
                    start.await();
                    return leases.hold(chainId, holder, at, TERM);
                }));
            }
            int holders = 0;
            for (Future<Boolean> answer : answers) {
                holders += answer.get() ? 1 : 0;
            }
            return holders;
        } finally {
            threads.shutdownNow();
        }
    }
}

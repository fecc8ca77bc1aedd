package dev.marquee.booking.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStatus;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.idempotency.IdempotencyStore;
import dev.marquee.booking.support.Transactions;
import java.time.Instant;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The control run of the contracts' races: stores that check, then act, without a guard between (every racer
 * checks before any acts) must fail them. A race test that passed these would prove nothing.
 */
class ContractRaceControlTest {
    private static final int RACERS = 8;

    /** Lets every racer finish its check before any acts, so the unguarded stores lose the race every time. */
    private static final class AllCheckFirst {
        private final CyclicBarrier barrier = new CyclicBarrier(RACERS);

        void await() {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the racers did not all check", e);
            }
        }
    }

    /** Checks the email's seats, then records whatever it found. */
    private static final class UnguardedRecording extends InMemoryHoldStore {
        private final AllCheckFirst racers = new AllCheckFirst();

        @Override
        public boolean recordWithin(Hold hold, String tokenHash, int maxSeatsPerEmail, Instant now) {
            boolean fits = seatsHeldBy(hold.email(), hold.showId(), now) + hold.seats().size() <= maxSeatsPerEmail;
            racers.await();
            return fits && super.recordWithin(hold, tokenHash, Integer.MAX_VALUE, now);
        }
    }

    /** Reads whether the hold is held, then ends it whatever it found. */
    private static final class UnguardedEnding extends InMemoryHoldStore {
        private final AllCheckFirst racers = new AllCheckFirst();

        @Override
        public boolean end(String holdId, HoldStatus ending, Instant now) {
            boolean held = find(holdId).map(stored -> stored.hold().status() == HoldStatus.HELD).orElse(false);
            racers.await();
            super.end(holdId, ending, now);
            return held;
        }
    }

    private static final class UnguardedIdempotencyStore extends InMemoryIdempotencyStore {
        private final AllCheckFirst racers = new AllCheckFirst();

        @Override
        public boolean insertIfAbsent(StoredKey key) {
            boolean absent = find(key.key()).isEmpty();
            racers.await();
            if (absent) {
                remove(key.key());
                super.insertIfAbsent(key);
            }
            return absent;
        }
    }

    private static HoldStoreContract holdContractOn(HoldStore store) {
        return new HoldStoreContract() {
            @Override
            protected HoldStore store() {
                return store;
            }
        };
    }

    @Test
    void endingAHoldWithoutAGuardFailsTheContractsRace() {
        HoldStoreContract contract = holdContractOn(new UnguardedEnding());

        assertThatThrownBy(contract::ofManyCallersEndingOneHoldExactlyOneWins).isInstanceOf(AssertionError.class);
    }

    @Test
    void recordingWithinTheLimitWithoutAGuardFailsTheContractsRace() {
        HoldStoreContract contract = holdContractOn(new UnguardedRecording());

        assertThatThrownBy(contract::holdsOfOneEmailRecordedAtOnceNeverPassTheLimit).isInstanceOf(AssertionError.class);
    }

    @Test
    void insertingAKeyWithoutAGuardFailsTheContractsRace() {
        IdempotencyStore unguarded = new UnguardedIdempotencyStore();
        Transactions transactions = new InMemoryTransactions();
        IdempotencyStoreContract contract = new IdempotencyStoreContract() {
            @Override
            protected IdempotencyStore store() {
                return unguarded;
            }

            @Override
            protected Transactions transactions() {
                return transactions;
            }
        };

        assertThatThrownBy(contract::ofManyConcurrentInsertsOfOneKeyExactlyOneSucceeds).isInstanceOf(AssertionError.class);
    }
}

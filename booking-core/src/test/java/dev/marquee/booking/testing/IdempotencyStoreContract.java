package dev.marquee.booking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.booking.idempotency.Answer;
import dev.marquee.booking.idempotency.IdempotencyStore;
import dev.marquee.booking.idempotency.IdempotencyStore.StoredKey;
import dev.marquee.booking.support.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} does, as its Javadoc promises. A store passes by extending this class. Each
 * test uses keys of its own and assumes nothing about other keys in the store.
 */
public abstract class IdempotencyStoreContract {

    /** A fixed moment, so that stores can be tested without a clock; timestamps keep whole seconds. */
    protected final Instant now = Instant.parse("2030-03-01T10:00:00Z");

    /** The store under test; the same instance for every call within one test. */
    protected abstract IdempotencyStore store();

    /** Transactions that the store joins. */
    protected abstract Transactions transactions();

    private StoredKey running(Duration lease, Duration retention) {
        return new StoredKey(UniqueIds.next("key"), "request-hash", UniqueIds.next("res"), null, now.plus(lease), now.plus(retention));
    }

    private StoredKey running() {
        return running(Duration.ofSeconds(30), Duration.ofHours(24));
    }

    private StoredKey inserted(StoredKey key) {
        assertThat(store().insertIfAbsent(key)).isTrue();
        return key;
    }

    private StoredKey read(String key) {
        return store().find(key).orElseThrow();
    }

    private StoredKey answered(String key) {
        return new StoredKey(key, "request-hash", UniqueIds.next("res"), new Answer(201, "{\"holdId\":\"hld_1\"}"), now,
                now.plus(Duration.ofHours(24)));
    }

    @Test
    void aNewKeyIsInsertedAndReadBack() {
        StoredKey key = running();

        assertThat(store().insertIfAbsent(key)).isTrue();

        assertThat(read(key.key())).isEqualTo(key);
    }

    @Test
    void aKeyInsertedWithItsAnswerIsFoundCompleted() {
        StoredKey completed = answered(UniqueIds.next("key"));

        assertThat(store().insertIfAbsent(completed)).isTrue();

        assertThat(read(completed.key())).isEqualTo(completed);
    }

    @Test
    void anExistingKeyIsNotInsertedAgainAndKeepsItsFirstRequest() {
        StoredKey first = inserted(running());
        StoredKey again = new StoredKey(first.key(), "other-hash", UniqueIds.next("res"), null, now, now.plusSeconds(60));

        assertThat(store().insertIfAbsent(again)).isFalse();

        assertThat(read(first.key())).isEqualTo(first);
    }

    @Test
    void ofManyConcurrentInsertsOfOneKeyExactlyOneSucceeds() {
        String key = UniqueIds.next("key");

        List<Boolean> inserted = Race.run(8, () -> store().insertIfAbsent(new StoredKey(key, "request-hash",
                UniqueIds.next("res"), null, now.plusSeconds(30), now.plus(Duration.ofHours(1)))));

        assertThat(Race.winners(inserted)).isEqualTo(1);
    }

    @Test
    void ofManyTransactionsKeepingAnAnswerUnderOneKeyExactlyOneSucceeds() {
        String key = UniqueIds.next("key");

        List<Boolean> kept = Race.run(8, () -> transactions().atomically(() -> store().insertIfAbsent(answered(key))));

        assertThat(Race.winners(kept)).isEqualTo(1);
        assertThat(read(key).completed()).isTrue();
    }

    @Test
    void anUnknownKeyReadsAsNothing() {
        assertThat(store().find(UniqueIds.next("key"))).isEmpty();
    }

    @Test
    void aKeyPastItsRetentionIsStaleAndCanBeInsertedAnew() {
        StoredKey key = inserted(answered(UniqueIds.next("key")));

        assertThat(store().deleteStale(key.key(), key.expiresAt().minusSeconds(1))).as("within its retention").isFalse();
        assertThat(read(key.key())).isEqualTo(key);
        assertThat(store().deleteStale(key.key(), key.expiresAt())).isTrue();

        assertThat(store().find(key.key())).isEmpty();
        assertThat(store().insertIfAbsent(key)).isTrue();
    }

    @Test
    void aClaimIsStaleOnlyOnceItsLeaseHasEnded() {
        StoredKey claim = inserted(running());

        assertThat(store().deleteStale(claim.key(), claim.lockedUntil().minusSeconds(1))).isFalse();
        assertThat(read(claim.key())).isEqualTo(claim);
        assertThat(store().deleteStale(claim.key(), claim.lockedUntil())).isTrue();
        assertThat(store().find(claim.key())).isEmpty();
    }

    @Test
    void aKeptAnswerIsNotStaleWhenItsLeaseIsOverButItsRetentionIsNot() {
        StoredKey completed = inserted(answered(UniqueIds.next("key")));

        assertThat(store().deleteStale(completed.key(), now.plusSeconds(60))).isFalse();
        assertThat(read(completed.key())).isEqualTo(completed);
        assertThat(store().deleteStale(UniqueIds.next("key"), now)).as("no such key").isFalse();
    }

    @Test
    void releasingAClaimDeletesItButNotAClaimTakenAfterItsLease() {
        StoredKey claim = inserted(running());

        store().releaseClaim(claim);
        assertThat(store().find(claim.key())).isEmpty();

        StoredKey later = inserted(new StoredKey(claim.key(), claim.requestHash(), claim.resourceId(), null,
                claim.lockedUntil().plusSeconds(40), claim.expiresAt()));
        store().releaseClaim(claim);
        assertThat(read(claim.key())).as("a repeat's claim, after the first one's lease").isEqualTo(later);

        StoredKey kept = inserted(answered(UniqueIds.next("key")));
        store().releaseClaim(new StoredKey(kept.key(), kept.requestHash(), kept.resourceId(), null, kept.lockedUntil(),
                kept.expiresAt()));
        assertThat(read(kept.key())).as("a kept answer").isEqualTo(kept);
    }

    @Test
    void purgingDropsKeysWhoseRetentionEndedByNow() {
        StoredKey endedBefore = inserted(running(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        StoredKey endingNow = inserted(running(Duration.ofSeconds(1), Duration.ofSeconds(20)));
        StoredKey kept = inserted(running(Duration.ofSeconds(1), Duration.ofSeconds(21)));

        int purged = store().purgeExpired(now.plusSeconds(20));

        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(store().find(endedBefore.key())).isEmpty();
        assertThat(store().find(endingNow.key())).isEmpty();
        assertThat(read(kept.key())).isEqualTo(kept);
    }
}

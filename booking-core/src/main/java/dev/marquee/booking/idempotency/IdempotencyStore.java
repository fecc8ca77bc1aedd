package dev.marquee.booking.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Where idempotency keys and their answers are kept, shared by every gateway instance. */
public interface IdempotencyStore {

    /**
     * Adds a key unless it exists, with its answer when it has one. Of two concurrent inserts of one key exactly one
     * succeeds; inside a transaction, an insert waits for one of that key not yet committed.
     *
     * @return whether this call added it
     */
    boolean insertIfAbsent(StoredKey key);

    /** The key as it is now. */
    Optional<StoredKey> find(String key);

    /**
     * Deletes the key if at {@code now} it is stale: past its retention, or claimed without an answer by a run whose
     * lease has ended. Decided by the store, on the key as it is then: a key taken afresh since it was read stays.
     *
     * @return whether this call deleted it
     */
    boolean deleteStale(String key, Instant now);

    /**
     * Ends a claim that {@link #insertIfAbsent} made without an answer, while the key is still that claim (no answer,
     * the same lease end): a key that a repeat took after the claim's lease ran out stays.
     */
    void releaseClaim(StoredKey claim);

    /** Drops keys whose retention ended by {@code now}; answers how many. */
    int purgeExpired(Instant now);

    /**
     * One key as stored.
     *
     * @param key the client's idempotency key
     * @param requestHash a hash of the request it was first used with
     * @param resourceId the id the request creates under
     * @param answer the kept answer; null while the key is claimed by a request giving back what it could not finish
     * @param lockedUntil until when that request holds the key
     * @param expiresAt until when the key is kept
     */
    record StoredKey(String key, String requestHash, String resourceId, Answer answer, Instant lockedUntil, Instant expiresAt) {
        public StoredKey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(requestHash, "requestHash");
            Objects.requireNonNull(resourceId, "resourceId");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        public boolean completed() {
            return answer != null;
        }

        /** Past its retention at {@code now}, or claimed without an answer by a run whose lease has ended. */
        public boolean isStaleAt(Instant now) {
            return !expiresAt.isAfter(now) || !completed() && !lockedUntil.isAfter(now);
        }
    }
}

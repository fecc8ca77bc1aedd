package dev.marquee.booking.idempotency;

import dev.marquee.booking.support.Pause;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.tokens.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Idempotency keys as payment providers keep them: the first request with a key runs, and its answer
 * is kept; a repeat with the same request gets that answer again; a repeat with a different request is
 * refused; an answer that is not a success is not kept. Claiming a key is one insert, so of two concurrent requests exactly one runs, on any number
 * of gateway instances. A claim not completed within its lease (the instance died) can be taken over,
 * with the same resource id, so a retry continues what was started.
 *
 * <p>Work whose effect two runs of one request share when they run at the same moment can run
 * {@link #executeOptimistically optimistically} instead: no claim before the work, and the answer it keeps takes the key.
 */
public class IdempotentRequests {
    private final IdempotencyStore store;
    private final Transactions transactions;
    private final IdempotencyRules rules;
    private final Clock clock;
    private final Pause pause;

    public IdempotentRequests(IdempotencyStore store, Transactions transactions, IdempotencyRules rules, Clock clock, Pause pause) {
        this.store = store;
        this.transactions = transactions;
        this.rules = rules;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * The id a request runs under.
     *
     * @param id the id to create under
     * @param fresh whether the id was made for this claim (its key was new, or free again), so that nothing can exist
     *     under it yet; false when the request takes over a claim whose earlier run may have created something
     */
    public record Resource(String id, boolean fresh) {
        public Resource {
            Objects.requireNonNull(id, "id");
        }
    }

    /** What claiming a key gave. */
    public sealed interface Claim {
        /** This request runs under {@code resource}. */
        record Run(Resource resource) implements Claim {
            public String resourceId() {
                return resource.id();
            }
        }

        /** The key answered before; send this again. */
        record Replay(Answer answer) implements Claim {
        }

        /** The key was used with a different request. */
        record Mismatch() implements Claim {
        }

        /** Another request with this key is running now. */
        record InProgress() implements Claim {
        }
    }

    /**
     * Runs {@code work} once per key: a repeat gets the kept answer, waiting a while for a request with the
     * same key that is still running. Only a 2xx answer is kept: any other says that nothing was done, so a repeat
     * runs again. When {@code work} throws, the key is forgotten so that a retry runs afresh, unless
     * {@code outcomeUnknown} says the failure may have left an effect (a chain that timed out after being asked):
     * then the claim stays with its resource id, and the retry takes it over once its lease has run out and continues
     * what was started instead of starting something new beside it.
     *
     * @param work runs the request under the resource id it is given and answers it
     * @param outcomeUnknown which failures of {@code work} leave its effect unknown
     */
    public Execution execute(String key, String requestHash, Supplier<String> newResourceId, Function<String, Answer> work,
            Predicate<RuntimeException> outcomeUnknown) {
        return executeFor(key, requestHash, newResourceId, running -> work.apply(running.resource().id()), outcomeUnknown);
    }

    /**
     * A request running under its key: its resource, and a way to keep its answer inside the work's own transaction, so
     * that the answer commits with what the request did.
     */
    public final class Running {
        private final String key;
        private final String requestHash;
        private final Resource resource;
        private final boolean claimed;
        private boolean kept;
        private boolean markedForUndo;
        private Answer keptByRepeat;

        private Running(String key, String requestHash, Resource resource, boolean claimed) {
            this.key = key;
            this.requestHash = requestHash;
            this.resource = resource;
            this.claimed = claimed;
        }

        public Resource resource() {
            return resource;
        }

        /**
         * Keeps the request's success answer now, joining the caller's transaction; the work must then return this very
         * answer, which is not written again. Run {@link #executeOptimistically optimistically}, this is what takes the
         * key: when a repeat took it first, it throws {@link KeyTaken}, which must undo the work's transaction.
         */
        public void keep(Answer answer) {
            if (!answer.isSuccess()) {
                throw new IllegalArgumentException("only a success answer is kept, not " + answer.status());
            }
            if (claimed) {
                store.complete(key, answer);
            } else if (!store.insertIfAbsent(new IdempotencyStore.StoredKey(key, requestHash, resource.id(), answer,
                    clock.instant(), clock.instant().plus(rules.retention())))) {
                throw new KeyTaken(key);
            }
            kept = true;
        }

        /**
         * Asked before the work undoes an effect it could not finish (gives back a chain's lock): false when the effect
         * must stay, because a repeat of this request, run at the same moment under the same resource id and so sharing
         * the effect, kept its answer; the work's own answer is then replaced by that one. Run optimistically, the key is
         * claimed while the effect is undone, so that no repeat keeps an answer for what is being undone; a repeat that
         * tries meanwhile is told the request is still running.
         */
        public boolean mayUndo() {
            if (claimed || markedForUndo) {
                return true;
            }
            Instant now = clock.instant();
            if (store.insertIfAbsent(fresh(key, requestHash, resource.id(), now))) {
                markedForUndo = true;
                return true;
            }
            Optional<IdempotencyStore.StoredKey> taken = store.find(key);
            if (taken.isPresent() && taken.get().completed() && taken.get().requestHash().equals(requestHash)
                    && taken.get().resourceId().equals(resource.id())) {
                keptByRepeat = taken.get().answer();
                return false;
            }
            return true; // another request's key, or a repeat undoing the same effect: undoing it twice is harmless
        }
    }

    /** Thrown by {@link Running#keep} when a repeat of the request (or another request) took the key first. */
    public static final class KeyTaken extends RuntimeException {
        private KeyTaken(String key) {
            super("idempotency key " + key + " was taken by another run", null, false, false);
        }
    }

    /**
     * As {@link #execute}, with the work told whether its resource id is {@link Resource#fresh fresh}, so that it can
     * skip looking for what an earlier run created under it, and able to {@link Running#keep keep} its answer itself.
     */
    public Execution executeFor(String key, String requestHash, Supplier<String> newResourceId, Function<Running, Answer> work,
            Predicate<RuntimeException> outcomeUnknown) {
        Instant giveUpAt = clock.instant().plus(rules.waitForRunning());
        while (true) {
            switch (claim(key, requestHash, newResourceId)) {
                case Claim.Run run -> {
                    return new Execution.Answered(runOnce(key, run.resource(), work, outcomeUnknown));
                }
                case Claim.Replay replay -> {
                    return new Execution.Answered(replay.answer());
                }
                case Claim.Mismatch mismatch -> {
                    return new Execution.KeyReused();
                }
                case Claim.InProgress inProgress -> {
                    if (clock.instant().isAfter(giveUpAt)) {
                        return new Execution.StillRunning();
                    }
                    pause.pause(rules.lookAgainEvery());
                }
            }
        }
    }

    private Answer runOnce(String key, Resource resource, Function<Running, Answer> work, Predicate<RuntimeException> outcomeUnknown) {
        Running running = new Running(key, null, resource, true);
        Answer answer;
        try {
            answer = work.apply(running);
        } catch (RuntimeException e) {
            if (!outcomeUnknown.test(e)) {
                store.delete(key);
            }
            throw e;
        }
        if (answer.isSuccess()) {
            if (!running.kept) {
                store.complete(key, answer);
            }
        } else {
            store.delete(key);
        }
        return answer;
    }

    /**
     * Runs {@code work} once per key without claiming the key first, for work whose effect two runs of one request
     * share when they run at the same moment (a chain answers a lock with the same reference with the same lock): the
     * resource id is derived from the key and the request, so every repeat works under the same one. The work keeps
     * its answer in its own transaction ({@link Running#keep}), and that insert is what takes the key: of two repeats
     * running at once, the one that keeps second has its transaction undone and answers with what the first kept. An
     * answer that is not a success writes nothing. So a request that succeeds costs one read and the work's own
     * transaction, and one that is refused only the read, against a claim committed before the work and a delete after
     * it refuses.
     *
     * <p>A failure leaves nothing behind: a retry derives the same resource id and continues what was started. Before
     * the work undoes an effect it could not finish, it asks {@link Running#mayUndo}.
     *
     * @param resourcePrefix the derived resource id's prefix, as in {@code hld_...}
     */
    public Execution executeOptimistically(String key, String requestHash, String resourcePrefix, Function<Running, Answer> work) {
        Instant now = clock.instant();
        Optional<IdempotencyStore.StoredKey> found = store.find(key);
        if (found.isPresent() && (!found.get().expiresAt().isAfter(now)
                || !found.get().completed() && !found.get().lockedUntil().isAfter(now))) {
            // Past its retention and not yet purged, or a claim whose run ended without a word (its instance died)
            store.delete(key);
            found = Optional.empty();
        }
        if (found.isPresent()) {
            return earlier(found.get(), requestHash);
        }
        Running running = new Running(key, requestHash, new Resource(derivedId(resourcePrefix, key, requestHash), true), false);
        Answer answer;
        try {
            answer = work.apply(running);
        } catch (RuntimeException e) {
            if (running.markedForUndo) {
                store.delete(key);
            }
            Optional<IdempotencyStore.StoredKey> taken = store.find(key);
            if (taken.isPresent()) {
                return earlier(taken.get(), requestHash); // a repeat ran at the same moment
            }
            throw e;
        }
        if (running.keptByRepeat != null) {
            if (running.markedForUndo) {
                store.delete(key);
            }
            return new Execution.Answered(running.keptByRepeat);
        }
        if (answer.isSuccess() && !running.kept) {
            try {
                running.keep(answer);
            } catch (KeyTaken taken) {
                return store.find(key).map(k -> earlier(k, requestHash)).orElseThrow(() -> taken);
            }
        } else if (running.markedForUndo) {
            store.delete(key);
        }
        return new Execution.Answered(answer);
    }

    /** What a key found taken gives: its kept answer for a repeat, a refusal for another request. */
    private static Execution earlier(IdempotencyStore.StoredKey stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            return new Execution.KeyReused();
        }
        if (stored.completed()) {
            return new Execution.Answered(stored.answer());
        }
        return new Execution.StillRunning();
    }

    /**
     * A resource id that every repeat of a request derives alike, and nobody without its key and request: a hash of
     * both, as long as a random id of {@link dev.marquee.booking.tokens.Secrets#newId}.
     */
    public static String derivedId(String prefix, String key, String requestHash) {
        byte[] digest = Tokens.sha256(key.length() + ":" + key + "\n" + requestHash);
        return prefix + "_" + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** Claims a key for a request: run it, replay its answer, or refuse. */
    public Claim claim(String key, String requestHash, Supplier<String> newResourceId) {
        Instant now = clock.instant();
        String resourceId = newResourceId.get();
        if (store.insertIfAbsent(fresh(key, requestHash, resourceId, now))) {
            return new Claim.Run(new Resource(resourceId, true));
        }
        return transactions.atomically(() -> {
            Optional<IdempotencyStore.StoredKey> found = store.lock(key);
            if (found.isEmpty()) {
                // Deleted between our insert and this read (a failed request's key is forgotten): run anew.
                return claimFreed(key, requestHash, resourceId, now);
            }
            IdempotencyStore.StoredKey stored = found.get();
            if (!stored.expiresAt().isAfter(now)) {
                store.delete(key);
                return claimFreed(key, requestHash, resourceId, now);
            }
            if (!stored.requestHash().equals(requestHash)) {
                return new Claim.Mismatch();
            }
            if (stored.completed()) {
                return new Claim.Replay(stored.answer());
            }
            if (stored.lockedUntil().isAfter(now)) {
                return new Claim.InProgress();
            }
            store.renewLease(key, now.plus(rules.lease()));
            return new Claim.Run(new Resource(stored.resourceId(), false));
        });
    }

    private Claim claimFreed(String key, String requestHash, String resourceId, Instant now) {
        return store.insertIfAbsent(fresh(key, requestHash, resourceId, now))
                ? new Claim.Run(new Resource(resourceId, true)) : new Claim.InProgress();
    }

    private IdempotencyStore.StoredKey fresh(String key, String requestHash, String resourceId, Instant now) {
        return new IdempotencyStore.StoredKey(key, requestHash, resourceId, null, now.plus(rules.lease()), now.plus(rules.retention()));
    }

    /** Drops keys past their retention. */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }
}

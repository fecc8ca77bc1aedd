package dev.marquee.booking.idempotency;

import dev.marquee.booking.support.Pause;
import dev.marquee.booking.support.Transactions;
import java.time.Clock;
import java.time.Instant;
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
        private final Resource resource;
        private boolean kept;

        private Running(String key, Resource resource) {
            this.key = key;
            this.resource = resource;
        }

        public Resource resource() {
            return resource;
        }

        /**
         * Keeps the request's success answer now, joining the caller's transaction; the work must then return this very
         * answer, which is not written again.
         */
        public void keep(Answer answer) {
            if (!answer.isSuccess()) {
                throw new IllegalArgumentException("only a success answer is kept, not " + answer.status());
            }
            store.complete(key, answer);
            kept = true;
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
        Running running = new Running(key, resource);
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

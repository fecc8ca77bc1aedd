package dev.marquee.booking.idempotency;

import dev.marquee.booking.tokens.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Idempotency keys as payment providers keep them: the first request with a key runs, and its answer is kept; a
 * repeat with the same request gets that answer again; a repeat with a different request is refused; an answer that
 * is not a success is not kept, so a repeat of a refused request runs again.
 *
 * <p>Requests run optimistically: nothing is claimed before the work. The work runs under a resource id derived from
 * the key and the request, so that every repeat, even one running at the same moment, works under the same id and
 * shares its effect (a chain answers a lock with the same reference with the same lock). The work keeps its answer in
 * its own transaction ({@link Running#keep}), and that insert on the key is what takes it: of two repeats running at
 * once, the one that keeps second has its transaction undone and answers with what the first kept. So a request that
 * succeeds costs one read of its key and the work's own transaction, and one that is refused only the read. A failure
 * leaves nothing behind: a retry derives the same resource id and continues what was started. Before the work undoes
 * an effect it could not finish, it asks {@link Running#mayUndo}, which claims the key while it does.
 */
public class IdempotentRequests {
    private final IdempotencyStore store;
    private final IdempotencyRules rules;
    private final Clock clock;

    public IdempotentRequests(IdempotencyStore store, IdempotencyRules rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    /** A request running under its key: the resource id it works under, and its key to keep its answer with. */
    public final class Running {
        private final String key;
        private final String requestHash;
        private final String resourceId;
        private boolean kept;
        private IdempotencyStore.StoredKey claimToUndo;
        private Answer keptByRepeat;

        private Running(String key, String requestHash, String resourceId) {
            this.key = key;
            this.requestHash = requestHash;
            this.resourceId = resourceId;
        }

        /** The id the request creates under, the same for every repeat of it. */
        public String resourceId() {
            return resourceId;
        }

        /**
         * Keeps the request's success answer now, joining the caller's transaction; the work must then return this very
         * answer, which is not written again. This is what takes the key: when a repeat (or another request) took it
         * first, it throws {@link KeyTaken}, which must undo the work's transaction.
         */
        public void keep(Answer answer) {
            if (!answer.isSuccess()) {
                throw new IllegalArgumentException("only a success answer is kept, not " + answer.status());
            }
            Instant now = clock.instant();
            if (!store.insertIfAbsent(new IdempotencyStore.StoredKey(key, requestHash, resourceId, answer, now,
                    now.plus(rules.retention())))) {
                throw new KeyTaken(key);
            }
            kept = true;
        }

        /**
         * Asked before the work undoes an effect it could not finish (gives back a chain's lock): false when the effect
         * must stay, because a repeat of this request, run at the same moment under the same resource id and so sharing
         * the effect, kept its answer; the work's own answer is then replaced by that one. Otherwise the key is claimed
         * while the effect is undone (until the request answers, or for the rules' lease should its instance die), so
         * that no repeat keeps an answer for what is being undone: a repeat that comes meanwhile is told the request is
         * still running.
         */
        public boolean mayUndo() {
            if (claimToUndo != null) {
                return true;
            }
            Instant now = clock.instant();
            // The lease's end in whole milliseconds, which every store keeps exactly: it tells this claim from a later one.
            IdempotencyStore.StoredKey claim = new IdempotencyStore.StoredKey(key, requestHash, resourceId, null,
                    now.plus(rules.lease()).truncatedTo(ChronoUnit.MILLIS), now.plus(rules.retention()));
            if (store.insertIfAbsent(claim)) {
                claimToUndo = claim;
                return true;
            }
            Optional<IdempotencyStore.StoredKey> taken = store.find(key);
            if (taken.isPresent() && taken.get().completed() && taken.get().requestHash().equals(requestHash)
                    && taken.get().resourceId().equals(resourceId)) {
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
     * Runs {@code work} once per key: a repeat gets the kept answer, another request under the key is refused, and a
     * repeat that comes while an earlier run undoes its effect is told it is still running.
     *
     * @param resourcePrefix the derived resource id's prefix, as in {@code hld_...}
     * @param work runs the request under the resource id it is given and answers it, keeping a success itself or not
     */
    public Execution execute(String key, String requestHash, String resourcePrefix, Function<Running, Answer> work) {
        Instant now = clock.instant();
        Optional<IdempotencyStore.StoredKey> found = store.find(key);
        if (found.isPresent() && found.get().isStaleAt(now)) {
            // Past its retention and not yet purged, or claimed by a run that died while undoing its effect. A repeat
            // may have found it so too, deleted it and taken the key afresh: only a key still stale is deleted.
            found = store.deleteStale(key, now) ? Optional.empty() : store.find(key);
        }
        if (found.isPresent()) {
            return earlier(found.get(), requestHash);
        }
        Running running = new Running(key, requestHash, derivedId(resourcePrefix, key, requestHash));
        Answer answer;
        try {
            answer = work.apply(running);
        } catch (RuntimeException e) {
            if (running.claimToUndo != null) {
                store.releaseClaim(running.claimToUndo);
            }
            Optional<IdempotencyStore.StoredKey> taken = store.find(key);
            if (taken.isPresent()) {
                return earlier(taken.get(), requestHash); // a repeat ran at the same moment
            }
            throw e;
        }
        if (running.claimToUndo != null) {
            store.releaseClaim(running.claimToUndo);
        }
        if (running.keptByRepeat != null) {
            return new Execution.Answered(running.keptByRepeat);
        }
        if (answer.isSuccess() && !running.kept) {
            try {
                running.keep(answer);
            } catch (KeyTaken taken) {
                return store.find(key).map(k -> earlier(k, requestHash)).orElseThrow(() -> taken);
            }
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
     * both (the key's length first, so that no other split of the same characters gives it), as long as a random id of
     * {@link dev.marquee.booking.tokens.Secrets#newId}.
     */
    public static String derivedId(String prefix, String key, String requestHash) {
        byte[] digest = Tokens.sha256(key.length() + ":" + key + "\n" + requestHash);
        return prefix + "_" + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** Drops keys past their retention. */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }
}

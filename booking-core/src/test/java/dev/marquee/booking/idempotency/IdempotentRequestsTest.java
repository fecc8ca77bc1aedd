package dev.marquee.booking.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.testing.InMemoryIdempotencyStore;
import dev.marquee.booking.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Requests under an Idempotency-Key run optimistically: nothing is claimed before the work, which runs under a resource
 * id derived from the key and the request, and the answer the work keeps with its own commit is what takes the key.
 */
class IdempotentRequestsTest {
    private static final IdempotencyRules RULES = IdempotencyRules.withRetention(Duration.ofHours(24));

    private final TestClock clock = new TestClock();
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final IdempotentRequests requests = new IdempotentRequests(store, RULES, clock);
    private final List<String> ranWith = new ArrayList<>();

    /** Creates under its resource id and keeps its answer, as placing a hold does. */
    private final Function<IdempotentRequests.Running, Answer> creates = running -> {
        ranWith.add(running.resourceId());
        Answer created = created(running.resourceId());
        running.keep(created);
        return created;
    };

    private static Answer created(String id) {
        return new Answer(201, "{\"id\":\"" + id + "\"}");
    }

    private Execution execute(String key, String requestHash, Function<IdempotentRequests.Running, Answer> work) {
        return requests.execute(key, requestHash, "hld", work);
    }

    private static String derived(String key, String requestHash) {
        return IdempotentRequests.derivedId("hld", key, requestHash);
    }

    @Test
    void aRequestRunsUnderAnIdThatEveryRepeatDerivesAlike() {
        assertThat(execute("key-1", "hash-a", creates)).isEqualTo(new Execution.Answered(created(derived("key-1", "hash-a"))));

        assertThat(ranWith).containsExactly(derived("key-1", "hash-a"));
        assertThat(derived("key-1", "hash-a")).matches("hld_[0-9a-f]{32}").isEqualTo(derived("key-1", "hash-a"))
                .isNotEqualTo(derived("key-2", "hash-a")).isNotEqualTo(derived("key-1", "hash-b"));
        assertThat(derived("ab", "c\nd")).as("where the key ends is part of what is hashed").isNotEqualTo(derived("ab\nc", "d"));
    }

    @Test
    void aRepeatGetsTheKeptAnswerWithoutRunningAgain() {
        Execution first = execute("key-1", "hash-a", creates);

        assertThat(execute("key-1", "hash-a", creates)).isEqualTo(first);
        assertThat(ranWith).hasSize(1);
    }

    @Test
    void anotherRequestUnderAKeptKeyIsRefusedWithoutRunning() {
        execute("key-1", "hash-a", creates);

        assertThat(execute("key-1", "hash-b", creates)).isEqualTo(new Execution.KeyReused());
        assertThat(ranWith).hasSize(1);
    }

    @Test
    void aRefusedRequestWritesNothingSoItsRepeatRunsAgain() {
        Answer refused = new Answer(409, "{\"type\":\"seats-taken\"}");

        assertThat(execute("key-1", "hash-a", running -> refused)).isEqualTo(new Execution.Answered(refused));

        assertThat(store.find("key-1")).isEmpty();
        assertThat(execute("key-1", "hash-a", creates)).isEqualTo(new Execution.Answered(created(derived("key-1", "hash-a"))));
    }

    @Test
    void aSuccessTheWorkDidNotKeepIsKeptAfterIt() {
        execute("key-1", "hash-a", running -> created("made"));

        assertThat(store.find("key-1")).map(IdempotencyStore.StoredKey::answer).contains(created("made"));
    }

    @Test
    void ofTwoRunsAtOnceTheOneThatKeepsFirstGivesBothTheirAnswer() {
        Execution[] repeat = {null};
        Execution first = execute("key-1", "hash-a", running -> {
            repeat[0] = execute("key-1", "hash-a", creates); // runs and keeps while this one is still at work
            Answer mine = new Answer(201, "{\"id\":\"second\"}");
            running.keep(mine);
            return mine;
        });

        assertThat(repeat[0]).isEqualTo(new Execution.Answered(created(derived("key-1", "hash-a"))));
        assertThat(first).as("the run that kept second answers with the first one's answer").isEqualTo(repeat[0]);
    }

    @Test
    void anEffectThatARepeatKeptIsNotUndoneAndItsAnswerIsGiven() {
        boolean[] mayUndo = {true};
        Execution refusedHere = execute("key-1", "hash-a", running -> {
            execute("key-1", "hash-a", creates);
            mayUndo[0] = running.mayUndo();
            return new Answer(409, "{\"type\":\"hold-limit-reached\"}");
        });

        assertThat(mayUndo[0]).isFalse();
        assertThat(refusedHere).isEqualTo(new Execution.Answered(created(derived("key-1", "hash-a"))));
    }

    @Test
    void whileAnEffectIsUndoneARepeatIsToldTheRequestIsStillRunningAndAfterwardsItRunsAgain() {
        Execution[] meanwhile = {null};
        Answer refused = new Answer(409, "{\"type\":\"hold-limit-reached\"}");
        Execution undone = execute("key-1", "hash-a", running -> {
            assertThat(running.mayUndo()).isTrue();
            meanwhile[0] = execute("key-1", "hash-a", creates);
            return refused;
        });

        assertThat(meanwhile[0]).isEqualTo(new Execution.StillRunning());
        assertThat(undone).isEqualTo(new Execution.Answered(refused));
        assertThat(store.find("key-1")).as("nothing kept for a refusal").isEmpty();
        assertThat(execute("key-1", "hash-a", creates)).isEqualTo(new Execution.Answered(created(derived("key-1", "hash-a"))));
    }

    @Test
    void aRunThatDiedWhileUndoingHoldsTheKeyOnlyUntilItsLeaseRunsOut() {
        // What a run leaves when its instance dies between claiming the key to undo its effect and letting it go.
        store.insertIfAbsent(new IdempotencyStore.StoredKey("key-1", "hash-a", derived("key-1", "hash-a"), null,
                clock.instant().plus(RULES.lease()), clock.instant().plus(RULES.retention())));

        assertThat(execute("key-1", "hash-a", creates)).isEqualTo(new Execution.StillRunning());
        clock.advance(RULES.lease());
        assertThat(execute("key-1", "hash-a", creates)).isInstanceOf(Execution.Answered.class);
        assertThat(ranWith).hasSize(1);
    }

    /**
     * Two repeats find the same stale claim; the other one deletes it and claims the key afresh (to give back its lock)
     * before this one deletes what it read: played here by a store whose first read answers with the stale claim
     * after replacing it.
     */
    private class RepeatRetakesTheStaleKey extends InMemoryIdempotencyStore {
        private IdempotencyStore.StoredKey retaken;

        @Override
        public synchronized Optional<IdempotencyStore.StoredKey> find(String key) {
            Optional<IdempotencyStore.StoredKey> read = super.find(key);
            if (retaken == null && read.isPresent()) {
                IdempotencyStore.StoredKey stale = read.get();
                retaken = new IdempotencyStore.StoredKey(key, stale.requestHash(), stale.resourceId(), null,
                        clock.instant().plus(RULES.lease()), stale.expiresAt());
                remove(key);
                insertIfAbsent(retaken);
            }
            return read;
        }
    }

    private Execution repeatAfterAStaleClaim(InMemoryIdempotencyStore store) {
        IdempotentRequests requests = new IdempotentRequests(store, RULES, clock);
        store.insertIfAbsent(new IdempotencyStore.StoredKey("key-1", "hash-a", derived("key-1", "hash-a"), null,
                clock.instant().plus(RULES.lease()), clock.instant().plus(RULES.retention())));
        clock.advance(RULES.lease());
        return requests.execute("key-1", "hash-a", "hld", creates);
    }

    @Test
    void aStaleKeyThatARepeatTookAfreshMeanwhileIsNotDeleted() {
        RepeatRetakesTheStaleKey store = new RepeatRetakesTheStaleKey();

        assertThat(repeatAfterAStaleClaim(store)).isEqualTo(new Execution.StillRunning());

        assertThat(store.find("key-1")).contains(store.retaken);
        assertThat(ranWith).isEmpty();
    }

    /** The control run: deleting what was read, unconditionally, loses the repeat's fresh claim and runs again. */
    @Test
    void controlRunDeletingTheKeyAsReadLosesTheRepeatsClaim() {
        RepeatRetakesTheStaleKey unguarded = new RepeatRetakesTheStaleKey() {
            @Override
            public synchronized boolean deleteStale(String key, Instant now) {
                remove(key);
                return true;
            }
        };

        assertThat(repeatAfterAStaleClaim(unguarded)).isInstanceOf(Execution.Answered.class);

        assertThat(ranWith).as("ran while the repeat held the key to give back the lock").hasSize(1);
        assertThat(unguarded.find("key-1")).isNotEqualTo(Optional.of(unguarded.retaken));
    }

    @Test
    void aFailureLeavesNothingSoARetryContinuesUnderTheSameId() {
        assertThatThrownBy(() -> execute("key-1", "hash-a", running -> {
            ranWith.add(running.resourceId());
            throw new IllegalStateException("the chain timed out");
        })).hasMessage("the chain timed out");

        assertThat(store.find("key-1")).isEmpty();
        execute("key-1", "hash-a", creates);
        assertThat(ranWith).hasSize(2).containsOnly(derived("key-1", "hash-a"));
    }

    @Test
    void purgingDropsOnlyKeysPastTheirRetention() {
        execute("key-1", "hash-a", creates);
        clock.advance(Duration.ofHours(1));
        execute("key-2", "hash-a", creates);
        clock.advance(RULES.retention().minusHours(1));

        assertThat(requests.purgeExpired()).isEqualTo(1);
        assertThat(store.find("key-1")).isEmpty();
        assertThat(store.find("key-2")).isPresent();
    }

    @Test
    void aKeyPastItsRetentionRunsAnew() {
        execute("key-1", "hash-a", creates);
        clock.advance(RULES.retention());

        assertThat(execute("key-1", "hash-b", creates)).isInstanceOf(Execution.Answered.class);
        assertThat(ranWith).hasSize(2);
    }

    @Test
    void onlyASuccessIsKept() {
        assertThatThrownBy(() -> execute("key-1", "hash-a", running -> {
            running.keep(new Answer(409, "{}"));
            return new Answer(409, "{}");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find("key-1")).isEmpty();
    }
}

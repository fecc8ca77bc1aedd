package dev.marquee.booking.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.support.Pause;
import dev.marquee.booking.testing.InMemoryIdempotencyStore;
import dev.marquee.booking.testing.InMemoryTransactions;
import dev.marquee.booking.testing.SequentialSecrets;
import dev.marquee.booking.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class IdempotentRequestsTest {
    private static final IdempotencyRules RULES = IdempotencyRules.withRetention(Duration.ofHours(24));
    private static final Answer CREATED = new Answer(201, "{\"id\":\"hld_1\"}");
    private static final Predicate<RuntimeException> NO_FAILURE_LEAVES_AN_EFFECT = failure -> false;

    private final TestClock clock = new TestClock();
    private final SequentialSecrets secrets = new SequentialSecrets();
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final List<String> ranWith = new ArrayList<>();
    private Pause pause = clock::advance;
    private final IdempotentRequests requests = new IdempotentRequests(store, new InMemoryTransactions(), RULES, clock,
            duration -> pause.pause(duration));

    /** The request runs under the resource id it is given, and says so. */
    private final Function<String, Answer> work = resourceId -> {
        ranWith.add(resourceId);
        return new Answer(201, "{\"id\":\"" + resourceId + "\"}");
    };

    private Execution execute(String key, String requestHash) {
        return requests.execute(key, requestHash, () -> secrets.newId("hld"), work, NO_FAILURE_LEAVES_AN_EFFECT);
    }

    private IdempotentRequests.Claim startWithoutFinishing(String key) {
        return requests.claim(key, "hash-a", () -> secrets.newId("hld"));
    }

    @Test
    void theFirstRequestWithAKeyRuns() {
        assertThat(execute("key-1", "hash-a")).isEqualTo(new Execution.Answered(CREATED));
        assertThat(ranWith).containsExactly("hld_1");
    }

    @Test
    void aRepeatGetsTheSameAnswerWithoutRunningAgain() {
        Execution first = execute("key-1", "hash-a");

        assertThat(execute("key-1", "hash-a")).isEqualTo(first);
        assertThat(ranWith).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        execute("key-1", "hash-a");

        assertThat(execute("key-1", "hash-b")).isEqualTo(new Execution.KeyReused());
        assertThat(ranWith).hasSize(1);
    }

    @Test
    void aRepeatOfARunningRequestWaitsAndThenGivesUp() {
        startWithoutFinishing("key-1");
        Instant start = clock.instant();

        assertThat(execute("key-1", "hash-a")).isEqualTo(new Execution.StillRunning());

        assertThat(ranWith).isEmpty();
        assertThat(Duration.between(start, clock.instant())).isGreaterThan(RULES.waitForRunning())
                .isLessThanOrEqualTo(RULES.waitForRunning().plus(RULES.lookAgainEvery()));
    }

    @Test
    void aRepeatOfARunningRequestGetsItsAnswerOnceItCompletes() {
        startWithoutFinishing("key-1");
        pause = duration -> store.complete("key-1", CREATED);

        assertThat(execute("key-1", "hash-a")).isEqualTo(new Execution.Answered(CREATED));
        assertThat(ranWith).isEmpty();
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOverWithTheSameResourceId() {
        IdempotentRequests.Claim started = startWithoutFinishing("key-1");
        clock.advance(RULES.lease());

        execute("key-1", "hash-a");

        assertThat(started).isEqualTo(new IdempotentRequests.Claim.Run(new IdempotentRequests.Resource("hld_1", true)));
        assertThat(ranWith).containsExactly("hld_1");
    }

    @Test
    void aNewKeysResourceIdIsFreshAndATakenOverOneIsNot() {
        List<IdempotentRequests.Resource> resources = new ArrayList<>();
        Function<IdempotentRequests.Running, Answer> recording = running -> {
            resources.add(running.resource());
            return CREATED;
        };
        requests.executeFor("key-1", "hash-a", () -> secrets.newId("hld"), recording, NO_FAILURE_LEAVES_AN_EFFECT);
        startWithoutFinishing("key-2");
        clock.advance(RULES.lease());
        requests.executeFor("key-2", "hash-a", () -> secrets.newId("hld"), recording, NO_FAILURE_LEAVES_AN_EFFECT);

        assertThat(resources).containsExactly(new IdempotentRequests.Resource("hld_1", true),
                new IdempotentRequests.Resource("hld_2", false));
    }

    @Test
    void anAnswerTheWorkKeptItselfIsReplayed() {
        List<String> runs = new ArrayList<>();
        Function<IdempotentRequests.Running, Answer> keeping = running -> {
            runs.add(running.resource().id());
            running.keep(CREATED);
            return CREATED;
        };

        Execution first = requests.executeFor("key-1", "hash-a", () -> secrets.newId("hld"), keeping, NO_FAILURE_LEAVES_AN_EFFECT);
        Execution again = requests.executeFor("key-1", "hash-a", () -> secrets.newId("hld"), keeping, NO_FAILURE_LEAVES_AN_EFFECT);

        assertThat(again).isEqualTo(first).isEqualTo(new Execution.Answered(CREATED));
        assertThat(runs).hasSize(1);
    }

    @Test
    void onlyASuccessIsKeptByTheWork() {
        Answer conflict = new Answer(409, "{}");

        assertThatThrownBy(() -> requests.executeFor("key-1", "hash-a", () -> secrets.newId("hld"), running -> {
            running.keep(conflict);
            return conflict;
        }, NO_FAILURE_LEAVES_AN_EFFECT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClaimStillWithinItsLeaseIsNotTakenOver() {
        startWithoutFinishing("key-1");
        clock.advance(RULES.lease().minusSeconds(1));

        assertThat(startWithoutFinishing("key-1")).isEqualTo(new IdempotentRequests.Claim.InProgress());
    }

    @Test
    void aKeyPastItsRetentionRunsAnew() {
        execute("key-1", "hash-a");
        clock.advance(RULES.retention());

        execute("key-1", "hash-b");

        assertThat(ranWith).containsExactly("hld_1", "hld_2");
    }

    @Test
    void aFailingRequestForgetsItsKeySoThatARetryRuns() {
        assertThatThrownBy(() -> requests.execute("key-1", "hash-a", () -> "hld_1", resourceId -> {
            throw new IllegalStateException("chain down");
        }, NO_FAILURE_LEAVES_AN_EFFECT)).hasMessage("chain down");

        assertThat(execute("key-1", "hash-a")).isInstanceOf(Execution.Answered.class);
        assertThat(ranWith).hasSize(1);
    }

    @Test
    void aFailureThatMayHaveLeftAnEffectKeepsTheClaimForATakeoverUnderTheSameResourceId() {
        assertThatThrownBy(() -> requests.execute("key-1", "hash-a", () -> secrets.newId("hld"), resourceId -> {
            throw new IllegalStateException("timed out after asking");
        }, failure -> true)).hasMessage("timed out after asking");

        assertThat(startWithoutFinishing("key-1")).as("within the lease").isEqualTo(new IdempotentRequests.Claim.InProgress());
        clock.advance(RULES.lease());
        assertThat(execute("key-1", "hash-a")).isEqualTo(new Execution.Answered(CREATED));
        assertThat(ranWith).containsExactly("hld_1");
    }

    @Test
    void anAnswerThatIsNotASuccessIsNotKeptSoARepeatRunsAgain() {
        Answer taken = new Answer(409, "{\"type\":\"seats-taken\"}");
        Function<String, Answer> refused = resourceId -> {
            ranWith.add(resourceId);
            return taken;
        };

        assertThat(requests.execute("key-1", "hash-a", () -> secrets.newId("hld"), refused, NO_FAILURE_LEAVES_AN_EFFECT))
                .isEqualTo(new Execution.Answered(taken));
        assertThat(execute("key-1", "hash-a")).isEqualTo(new Execution.Answered(new Answer(201, "{\"id\":\"hld_2\"}")));
        assertThat(ranWith).containsExactly("hld_1", "hld_2");
    }

    @Test
    void onlySuccessesAreKept() {
        assertThat(new Answer(200, "").isSuccess()).isTrue();
        assertThat(new Answer(201, "").isSuccess()).isTrue();
        assertThat(new Answer(409, "").isSuccess()).isFalse();
        assertThat(new Answer(422, "").isSuccess()).isFalse();
        assertThat(new Answer(503, "").isSuccess()).isFalse();
    }

    @Test
    void purgingDropsOnlyKeysPastTheirRetention() {
        execute("old", "hash-a");
        clock.advance(Duration.ofHours(1));
        execute("new", "hash-a");
        clock.advance(RULES.retention().minus(Duration.ofHours(1)));

        assertThat(requests.purgeExpired()).isEqualTo(1);
        assertThat(execute("new", "hash-a")).isInstanceOf(Execution.Answered.class);
        assertThat(ranWith).hasSize(2);
    }
}

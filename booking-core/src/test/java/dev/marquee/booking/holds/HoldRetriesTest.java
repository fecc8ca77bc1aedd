package dev.marquee.booking.holds;

import static dev.marquee.booking.testing.ScriptedTheatre.Operation.LOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.booking.idempotency.Answer;
import dev.marquee.booking.idempotency.Execution;
import dev.marquee.booking.idempotency.IdempotencyRules;
import dev.marquee.booking.idempotency.IdempotentRequests;
import dev.marquee.booking.testing.BookingFixture;
import dev.marquee.booking.testing.InMemoryIdempotencyStore;
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client retrying a hold request under its Idempotency-Key after the first answer was lost or failed: the retry
 * continues under the first attempt's hold id, so the chain answers it with the lock it may already have taken.
 */
class HoldRetriesTest {
    private static final IdempotencyRules RULES = IdempotencyRules.of(Duration.ofSeconds(30), Duration.ofHours(24));

    private final BookingFixture booking = new BookingFixture();
    private final IdempotentRequests requests = new IdempotentRequests(new InMemoryIdempotencyStore(), booking.transactions, RULES,
            booking.clock, booking.clock::advance);
    private final HoldRequest request = booking.request("A1", "A2");

    /** The answer as the gateway's edge gives it, reduced to what these tests read: "holdId token" or the outcome. */
    private Answer answer(HoldOutcome outcome) {
        return outcome instanceof HoldOutcome.Placed placed ? new Answer(201, placed.hold().id() + " " + placed.token())
                : new Answer(409, outcome.toString());
    }

    private Execution send() {
        return requests.execute("key-1", "request-1", booking.holds::newHoldId,
                holdId -> answer(booking.holds.place(holdId, request)), Holds::outcomeUnknown);
    }

    private static String[] created(Execution execution) {
        assertThat(execution).isInstanceOf(Execution.Answered.class);
        Answer answer = ((Execution.Answered) execution).answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.body().split(" ");
    }

    @Test
    void aRetryAfterALockWhoseAnswerTimedOutGetsTheHoldOfThatSameLock() {
        booking.theatre.loseAnswersOfLocks(1);
        assertThatThrownBy(this::send).isInstanceOf(TheatreTimeoutException.class);
        booking.clock.advance(RULES.lease());

        String[] retried = created(send());

        assertThat(retried[0]).as("the first attempt's hold id").isEqualTo("hld_1");
        assertThat(booking.theatre.heldSeats(booking.show.ref())).containsExactlyInAnyOrder("A1", "A2");
        assertThat(booking.holds.find(retried[0], retried[1])).map(Hold::status).contains(HoldStatus.HELD);
    }

    @Test
    void aRetryAfterALockTimeoutContinuesUnderTheSameHoldId() {
        booking.theatre.timeOutFor(LOCK, 1);
        assertThatThrownBy(this::send).isInstanceOf(TheatreTimeoutException.class);
        booking.clock.advance(RULES.lease());

        assertThat(created(send())[0]).isEqualTo("hld_1");
        assertThat(booking.theatre.calls(LOCK)).isEqualTo(2);
    }

    @Test
    void aRetryWithinTheLeaseOfATimedOutRequestIsToldItIsStillRunning() {
        booking.theatre.loseAnswersOfLocks(1);
        assertThatThrownBy(this::send).isInstanceOf(TheatreTimeoutException.class);

        assertThat(send()).isEqualTo(new Execution.StillRunning());
        assertThat(booking.theatre.calls(LOCK)).isEqualTo(1);
    }

    @Test
    void aChainThatWasNotReachedLetsARetryStartAfreshAtOnce() {
        booking.theatre.unavailableFor(LOCK, 1);
        assertThatThrownBy(this::send).isInstanceOf(TheatreUnavailableException.class);

        assertThat(created(send())[0]).isEqualTo("hld_2");
    }

    @Test
    void aHoldRecordedJustBeforeACrashIsAnsweredToTheRetryWithAWorkingToken() {
        IdempotentRequests.Claim claim = requests.claim("key-1", "request-1", booking.holds::newHoldId);
        String holdId = ((IdempotentRequests.Claim.Run) claim).resourceId();
        HoldOutcome.Placed lost = (HoldOutcome.Placed) booking.holds.place(holdId, request);
        booking.clock.advance(RULES.lease());

        String[] retried = created(send());

        assertThat(retried[0]).isEqualTo(holdId);
        assertThat(booking.holds.find(holdId, retried[1])).map(Hold::status).contains(HoldStatus.HELD);
        assertThat(booking.holds.find(holdId, lost.token())).as("the token nobody received").isEmpty();
        assertThat(booking.theatre.calls(LOCK)).isEqualTo(1);
        assertThat(send()).as("the retry's answer is kept").isEqualTo(new Execution.Answered(new Answer(201, String.join(" ", retried))));
    }
}

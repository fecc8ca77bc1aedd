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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A client retrying a hold request under its Idempotency-Key after the first answer was lost or failed, or sending it
 * twice at once. The request runs as the gateway runs it: optimistically, under a hold id derived from its key and
 * body, so a retry places under the first attempt's hold id and the chain answers it with the lock it may already
 * have taken; the hold's answer is kept with the hold.
 */
class HoldRetriesTest {
    private static final IdempotencyRules RULES = IdempotencyRules.of(Duration.ofSeconds(30), Duration.ofHours(24));
    private static final String HOLD_ID = IdempotentRequests.derivedId("hld", "key-1", "request-1");

    private final BookingFixture booking = new BookingFixture();
    private final IdempotentRequests requests = new IdempotentRequests(new InMemoryIdempotencyStore(), RULES, booking.clock);
    private final HoldRequest request = booking.request("A1", "A2");

    /** The answer as the gateway's edge gives it, reduced to what these tests read: "holdId token" or the outcome. */
    private static Answer answer(HoldOutcome outcome) {
        return outcome instanceof HoldOutcome.Placed placed ? new Answer(201, placed.hold().id() + " " + placed.token())
                : new Answer(409, outcome.toString());
    }

    /** As the hold controller's receipt: the answer is kept with the hold, and a lock is given back only if the key allows. */
    private static HoldReceipt receipt(IdempotentRequests.Running running) {
        return new HoldReceipt() {
            @Override
            public void recorded(Hold hold, String token) {
                running.keep(answer(new HoldOutcome.Placed(hold, token)));
            }

            @Override
            public boolean mayGiveBack(String holdId) {
                return running.mayUndo();
            }
        };
    }

    private Execution send() {
        return send(HoldRetriesTest::receipt);
    }

    private Execution send(Function<IdempotentRequests.Running, HoldReceipt> receipt) {
        return requests.execute("key-1", "request-1", "hld",
                running -> answer(booking.holds.placeNew(running.resourceId(), request, receipt.apply(running))));
    }

    private static String[] created(Execution execution) {
        assertThat(execution).isInstanceOf(Execution.Answered.class);
        Answer answer = ((Execution.Answered) execution).answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.body().split(" ");
    }

    @Test
    void aRetryAfterALockWhoseAnswerWasLostGetsTheHoldOfThatSameLockAtOnce() {
        booking.theatre.loseAnswersOfLocks(1);
        assertThatThrownBy(this::send).isInstanceOf(TheatreTimeoutException.class);

        String[] retried = created(send());

        assertThat(retried[0]).as("the first attempt's hold id").isEqualTo(HOLD_ID);
        assertThat(booking.theatre.heldSeats(booking.show.ref())).containsExactlyInAnyOrder("A1", "A2");
        assertThat(booking.holds.find(retried[0], retried[1])).map(Hold::status).contains(HoldStatus.HELD);
        assertThat(booking.theatre.isLocked(booking.hold(HOLD_ID).lockRef())).isTrue();
    }

    @Test
    void aRetryAfterALockTimeoutContinuesUnderTheSameHoldId() {
        booking.theatre.timeOutFor(LOCK, 1);
        assertThatThrownBy(this::send).isInstanceOf(TheatreTimeoutException.class);

        assertThat(created(send())[0]).isEqualTo(HOLD_ID);
        assertThat(booking.theatre.calls(LOCK)).isEqualTo(2);
    }

    @Test
    void aChainThatWasNotReachedLetsARetryRunAtOnce() {
        booking.theatre.unavailableFor(LOCK, 1);
        assertThatThrownBy(this::send).isInstanceOf(TheatreUnavailableException.class);

        assertThat(created(send())[0]).isEqualTo(HOLD_ID);
    }

    @Test
    void aRepeatSentWhileTheFirstIsAtTheChainGetsTheSameHoldOfTheSameLock() {
        Execution[] repeat = {null};
        booking.theatre.beforeNextLock(lock -> repeat[0] = send());

        Execution first = send();

        assertThat(created(repeat[0])[0]).isEqualTo(HOLD_ID);
        assertThat(first).as("the first answers with what the repeat kept").isEqualTo(repeat[0]);
        assertThat(booking.theatre.isLocked(booking.hold(HOLD_ID).lockRef())).as("the hold's lock is not given back").isTrue();
        assertThat(booking.theatre.heldSeats(booking.show.ref())).containsExactlyInAnyOrder("A1", "A2");
    }

    @Test
    void aRunRefusedAtRecordingKeepsTheLockThatARepeatRecordedMeanwhile() {
        Execution[] repeat = {null};
        Execution first = sendRefusedByTheLimitWhileARepeatRecords(repeat, HoldRetriesTest::receipt);

        assertThat(created(repeat[0])[0]).isEqualTo(HOLD_ID);
        assertThat(first).as("the refused run answers with what the repeat kept").isEqualTo(repeat[0]);
        assertThat(booking.hold(HOLD_ID).status()).isEqualTo(HoldStatus.HELD);
        assertThat(booking.theatre.isLocked(booking.hold(HOLD_ID).lockRef())).as("the recorded hold's lock").isTrue();
    }

    /** Control: with the lock given back whatever the key says, the hold the repeat recorded has lost its seats. */
    @Test
    void controlWithoutAskingTheKeyTheRepeatsHoldLosesItsLock() {
        Execution[] repeat = {null};
        sendRefusedByTheLimitWhileARepeatRecords(repeat, running -> new HoldReceipt() {
            @Override
            public void recorded(Hold hold, String token) {
                running.keep(answer(new HoldOutcome.Placed(hold, token)));
            }
        });

        assertThat(booking.hold(HOLD_ID).status()).isEqualTo(HoldStatus.HELD);
        assertThat(booking.theatre.isLocked(booking.hold(HOLD_ID).lockRef())).as("the recorded hold's lock").isFalse();
    }

    /**
     * The email takes 9 of its 10 seats in another hold while the request is at the chain, so its recording is refused;
     * before its lock is given back, that other hold is released and a repeat of the request records the same lock.
     */
    private Execution sendRefusedByTheLimitWhileARepeatRecords(Execution[] repeat,
            Function<IdempotentRequests.Running, HoldReceipt> receipt) {
        HoldOutcome.Placed[] other = {null};
        booking.theatre.beforeNextLock(lock -> other[0] = booking.placeHold("A3", "A4", "A5", "A6", "A7", "A8", "B1", "B2", "B3"));
        return send(running -> {
            HoldReceipt inner = receipt.apply(running);
            return new HoldReceipt() {
                @Override
                public void recorded(Hold hold, String token) {
                    inner.recorded(hold, token);
                }

                @Override
                public boolean mayGiveBack(String holdId) {
                    if (repeat[0] == null) {
                        booking.holds.release(other[0].hold().id(), other[0].token());
                        repeat[0] = send();
                    }
                    return inner.mayGiveBack(holdId);
                }
            };
        });
    }

    @Test
    void aHoldPlacedUnderTheSameIdBeforeItsKeyWasForgottenIsAnsweredAlreadyPlacedAndTheNewLockGivenBack() {
        String[] first = created(send());
        booking.holds.release(first[0], first[1]);
        booking.clock.advance(RULES.retention());
        requests.purgeExpired();

        Execution again = send();

        assertThat(again).isInstanceOf(Execution.Answered.class);
        assertThat(((Execution.Answered) again).answer().body()).startsWith("AlreadyPlaced");
        assertThat(booking.theatre.heldSeats(booking.show.ref())).as("the new lock was given back").isEmpty();
    }
}

package dev.marquee.contracts.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.marquee.spi.TheatreAdapter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The kit's control run: proof that its tests can fail. Each kit test that guards a promise is run
 * (through the JUnit Platform launcher) against a chain with exactly that promise broken, and must fail
 * on an assertion; a kit test the defect does not touch must still pass against the same chain, so the
 * failure comes from the defect and not from the harness. {@link InMemoryChainConformanceTest} is the
 * other half: the same tests pass against the chain without defects.
 *
 * <p>The kit classes below are nested, so that Surefire (which skips nested classes) does not run them
 * as tests of their own.
 */
class KitControlRunTest {

    @Test
    void allOrNothingCatchesAChainThatLocksSeatBySeat() {
        assertFailsOnAnAssertion(PiecemealLockingKit.class, "lockIsAllOrNothing");
        assertPasses(PiecemealLockingKit.class, "lockHoldsExactlyTheRequestedSeats");
    }

    @Test
    void theRaceCatchesAChainWithoutAGuardBetweenCheckAndClaim() {
        assertFailsOnAnAssertion(UnguardedCheckThenClaimKit.class, "racingLocksOnTheSameSeatHaveOneWinner");
        assertPasses(UnguardedCheckThenClaimKit.class, "lockIsAllOrNothing");
    }

    @Test
    void seatTestsCatchAChainThatNeverReportsTakenSeats() {
        for (String test : List.of("lockHoldsExactlyTheRequestedSeats", "seatAvailabilityReflectsABoxOfficeSale",
                "confirmGivesOneTicketPerSeatWithDistinctIds")) {
            assertFailsOnAnAssertion(BlindSeatMapKit.class, test);
        }
        assertPasses(BlindSeatMapKit.class, "aCancelledShowRefusesLocks");
    }

    @Test
    void theRepeatedConfirmationCatchesAChainThatDoesNotGiveTheFirstBookingBack() {
        String repeat = "confirmingTwiceWithTheSameReferenceReportsTheFirstBookingAndItsTickets";
        for (Class<? extends TheatreAdapterConformance> kit : List.of(TicketsReissuedOnRepeatKit.class, ConfirmedLockForgottenKit.class)) {
            assertFailsOnAnAssertion(kit, repeat);
            assertPasses(kit, "confirmGivesOneTicketPerSeatWithDistinctIds");
        }
    }

    @Test
    void releasingAConfirmedLockCatchesAChainThatThrowsClaimsReleaseOrFreesTheBookingsSeats() {
        for (Class<? extends TheatreAdapterConformance> kit : List.of(ThrowsOnConfirmedReleaseKit.class,
                ConfirmedLockReportedReleasedKit.class, ConfirmedLockFreedAnywayKit.class)) {
            assertFailsOnAnAssertion(kit, "releaseOfAConfirmedLockFreesNothing");
            assertPasses(kit, "releaseFreesTheSeatsAndReleasingTwiceIsHarmless");
        }
    }

    @Test
    void expiryCatchesAChainWhoseLocksOutliveTheirTtl() {
        assertFailsOnAnAssertion(LocksNeverExpireKit.class, "anExpiredLockFreesItsSeats");
        assertPasses(LocksNeverExpireKit.class, "releaseFreesTheSeatsAndReleasingTwiceIsHarmless");
    }

    @Test
    void releaseCatchesAChainThatFreesNothing() {
        assertFailsOnAnAssertion(ReleaseFreesNothingKit.class, "releaseFreesTheSeatsAndReleasingTwiceIsHarmless");
        assertPasses(ReleaseFreesNothingKit.class, "lockIsAllOrNothing");
    }

    @Test
    void cancellationTestsCatchAChainThatKeepsSeatsRefusesRepeatsOrCancelsAnything() {
        assertFailsOnAnAssertion(CancelKeepsSeatsSoldKit.class, "cancellingABookingFreesItsSeats");
        assertPasses(CancelKeepsSeatsSoldKit.class, "confirmGivesOneTicketPerSeatWithDistinctIds");
        assertFailsOnAnAssertion(SecondCancelRefusedKit.class, "cancellingTwiceIsHarmless");
        assertPasses(SecondCancelRefusedKit.class, "cancellingABookingFreesItsSeats");
        assertFailsOnAnAssertion(CancelsUnknownBookingsKit.class, "anUnknownBookingIsNotCancellable");
        assertPasses(CancelsUnknownBookingsKit.class, "cancellingABookingFreesItsSeats");
    }

    @Test
    void catalogueTestsCatchAChainThatNeverReportsChangesOrListsCinemasInUnlistedCities() {
        for (String test : List.of("aShowAddedAtTheChainAppearsInTheNextRead", "aMovedShowAppearsWithItsNewStartInTheNextRead",
                "aCancelledShowAppearsAsCancelledInTheNextRead")) {
            assertFailsOnAnAssertion(ChangesNeverReadKit.class, test);
        }
        assertPasses(ChangesNeverReadKit.class, "fullCatalogueIsCompleteAndConsistent");
        assertFailsOnAnAssertion(CitiesLeftOutKit.class, "fullCatalogueIsCompleteAndConsistent");
        assertPasses(CitiesLeftOutKit.class, "lockIsAllOrNothing");
    }

    @Test
    void lockLookupsCatchAChainThatForgetsConfirmedLocksRemembersEndedOnesOrIgnoresTheReference() {
        assertFailsOnAnAssertion(ConfirmedLockForgottenByLookupKit.class, "aConfirmedLockIsFoundWithTheConfirmationsBookingAndTickets");
        assertPasses(ConfirmedLockForgottenByLookupKit.class, "aLockIsFoundByItsReferenceWhileHeld");
        for (String test : List.of("aReleasedLockIsGone", "anExpiredLockIsGone")) {
            assertFailsOnAnAssertion(EndedLocksStillHeldKit.class, test);
        }
        assertPasses(EndedLocksStillHeldKit.class, "aLockIsFoundByItsReferenceWhileHeld");
        assertFailsOnAnAssertion(LockLookupIgnoresTheReferenceKit.class, "aReferenceTheShowNeverSawIsGone");
        assertPasses(LockLookupIgnoresTheReferenceKit.class, "aLockIsFoundByItsReferenceWhileHeld");
    }

    @Test
    void bookingLookupsCatchAChainThatReissuesTicketsKeepsCancelledBookingsOrIgnoresTheReference() {
        assertFailsOnAnAssertion(BookingLookupReissuesTicketsKit.class, "aBookingIsFoundByItsReferenceWithItsTickets");
        assertPasses(BookingLookupReissuesTicketsKit.class, "aCancelledBookingIsFoundCancelled");
        assertFailsOnAnAssertion(CancelledBookingStillBookedKit.class, "aCancelledBookingIsFoundCancelled");
        assertPasses(CancelledBookingStillBookedKit.class, "aBookingIsFoundByItsReferenceWithItsTickets");
        assertFailsOnAnAssertion(BookingLookupIgnoresTheReferenceKit.class, "aReferenceNoConfirmationUsedFindsNoBooking");
        assertPasses(BookingLookupIgnoresTheReferenceKit.class, "aBookingIsFoundByItsReferenceWithItsTickets");
    }

    /** An adapter that cannot look anything up (the SPI's default) has the lookup tests skipped, neither passed nor failed. */
    @Test
    void lookupTestsAreSkippedForAnAdapterThatLooksNothingUp() {
        for (String test : List.of("aLockIsFoundByItsReferenceWhileHeld", "aConfirmedLockIsFoundWithTheConfirmationsBookingAndTickets",
                "aReleasedLockIsGone", "anExpiredLockIsGone", "aReferenceTheShowNeverSawIsGone",
                "aBookingIsFoundByItsReferenceWithItsTickets",
                "aCancelledBookingIsFoundCancelled", "aReferenceNoConfirmationUsedFindsNoBooking")) {
            TestExecutionSummary summary = run(LookupsUnsupportedKit.class, test);
            assertEquals(1, summary.getTestsAbortedCount(), () -> test + " must be skipped, but " + outcome(summary));
        }
        assertPasses(LookupsUnsupportedKit.class, "confirmGivesOneTicketPerSeatWithDistinctIds");
    }

    /** An adapter that promises the lookups (as ours do) fails them, not skips them, when it answers Unsupported. */
    @Test
    void lookupTestsFailForAnAdapterThatPromisesLookupsButLooksNothingUp() {
        assertFailsOnAnAssertion(LookupsPromisedButUnsupportedKit.class, "aLockIsFoundByItsReferenceWhileHeld");
        assertFailsOnAnAssertion(LookupsPromisedButUnsupportedKit.class, "aBookingIsFoundByItsReferenceWithItsTickets");
    }

    private static void assertFailsOnAnAssertion(Class<? extends TheatreAdapterConformance> kit, String test) {
        TestExecutionSummary summary = run(kit, test);
        assertEquals(1, summary.getTestsFailedCount(),
                () -> test + " must fail against " + kit.getSimpleName() + ", but " + outcome(summary));
        Throwable failure = summary.getFailures().getFirst().getException();
        assertInstanceOf(AssertionError.class, failure,
                () -> test + " must fail on one of its assertions against " + kit.getSimpleName() + ", not with " + failure);
    }

    private static void assertPasses(Class<? extends TheatreAdapterConformance> kit, String test) {
        TestExecutionSummary summary = run(kit, test);
        assertEquals(1, summary.getTestsSucceededCount(),
                () -> test + " must pass against " + kit.getSimpleName() + ", but " + outcome(summary));
    }

    private static TestExecutionSummary run(Class<?> kit, String test) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectMethod(kit, test)).build(),
                listener);
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(1, summary.getTestsFoundCount(), () -> "the kit has exactly one test " + test);
        return summary;
    }

    private static String outcome(TestExecutionSummary summary) {
        return summary.getTestsSucceededCount() + " passed, " + summary.getTestsFailedCount() + " failed"
                + summary.getFailures().stream().map(f -> " (" + f.getException() + ")").reduce("", String::concat);
    }

    /** Kit runs over the broken chains; only the launcher above runs them. */
    abstract static class BrokenChainKit extends TheatreAdapterConformance {
        private final BrokenChain chain;

        BrokenChainKit(BrokenChain chain) {
            this.chain = chain;
        }

        @Override
        protected TheatreAdapter adapter() {
            return chain;
        }

        @Override
        protected ChainControl chain() {
            return chain;
        }
    }

    static class PiecemealLockingKit extends BrokenChainKit {
        PiecemealLockingKit() {
            super(new BrokenChain.PiecemealLocking());
        }
    }

    static class UnguardedCheckThenClaimKit extends BrokenChainKit {
        UnguardedCheckThenClaimKit() {
            super(new BrokenChain.UnguardedCheckThenClaim());
        }
    }

    static class TicketsReissuedOnRepeatKit extends BrokenChainKit {
        TicketsReissuedOnRepeatKit() {
            super(new BrokenChain.TicketsReissuedOnRepeat());
        }
    }

    static class ConfirmedLockForgottenKit extends BrokenChainKit {
        ConfirmedLockForgottenKit() {
            super(new BrokenChain.ConfirmedLockForgotten());
        }
    }

    static class ThrowsOnConfirmedReleaseKit extends BrokenChainKit {
        ThrowsOnConfirmedReleaseKit() {
            super(new BrokenChain.ThrowsOnConfirmedRelease());
        }
    }

    static class ConfirmedLockReportedReleasedKit extends BrokenChainKit {
        ConfirmedLockReportedReleasedKit() {
            super(new BrokenChain.ConfirmedLockReportedReleased());
        }
    }

    static class ConfirmedLockFreedAnywayKit extends BrokenChainKit {
        ConfirmedLockFreedAnywayKit() {
            super(new BrokenChain.ConfirmedLockFreedAnyway());
        }
    }

    static class BlindSeatMapKit extends BrokenChainKit {
        BlindSeatMapKit() {
            super(new BrokenChain.BlindSeatMap());
        }
    }

    static class LocksNeverExpireKit extends BrokenChainKit {
        LocksNeverExpireKit() {
            super(new BrokenChain.LocksNeverExpire());
        }
    }

    static class ReleaseFreesNothingKit extends BrokenChainKit {
        ReleaseFreesNothingKit() {
            super(new BrokenChain.ReleaseFreesNothing());
        }
    }

    static class CancelKeepsSeatsSoldKit extends BrokenChainKit {
        CancelKeepsSeatsSoldKit() {
            super(new BrokenChain.CancelKeepsSeatsSold());
        }
    }

    static class SecondCancelRefusedKit extends BrokenChainKit {
        SecondCancelRefusedKit() {
            super(new BrokenChain.SecondCancelRefused());
        }
    }

    static class CancelsUnknownBookingsKit extends BrokenChainKit {
        CancelsUnknownBookingsKit() {
            super(new BrokenChain.CancelsUnknownBookings());
        }
    }

    static class ChangesNeverReadKit extends BrokenChainKit {
        ChangesNeverReadKit() {
            super(new BrokenChain.ChangesNeverRead());
        }
    }

    static class CitiesLeftOutKit extends BrokenChainKit {
        CitiesLeftOutKit() {
            super(new BrokenChain.CitiesLeftOut());
        }
    }

    static class ConfirmedLockForgottenByLookupKit extends BrokenChainKit {
        ConfirmedLockForgottenByLookupKit() {
            super(new BrokenChain.ConfirmedLockForgottenByLookup());
        }
    }

    static class EndedLocksStillHeldKit extends BrokenChainKit {
        EndedLocksStillHeldKit() {
            super(new BrokenChain.EndedLocksStillHeld());
        }
    }

    static class LockLookupIgnoresTheReferenceKit extends BrokenChainKit {
        LockLookupIgnoresTheReferenceKit() {
            super(new BrokenChain.LockLookupIgnoresTheReference());
        }
    }

    static class BookingLookupReissuesTicketsKit extends BrokenChainKit {
        BookingLookupReissuesTicketsKit() {
            super(new BrokenChain.BookingLookupReissuesTickets());
        }
    }

    static class CancelledBookingStillBookedKit extends BrokenChainKit {
        CancelledBookingStillBookedKit() {
            super(new BrokenChain.CancelledBookingStillBooked());
        }
    }

    static class BookingLookupIgnoresTheReferenceKit extends BrokenChainKit {
        BookingLookupIgnoresTheReferenceKit() {
            super(new BrokenChain.BookingLookupIgnoresTheReference());
        }
    }

    static class LookupsPromisedButUnsupportedKit extends BrokenChainKit {
        LookupsPromisedButUnsupportedKit() {
            super(new BrokenChain.LookupsUnsupported());
        }

        @Override
        protected boolean looksUpByReference() {
            return true;
        }
    }

    static class LookupsUnsupportedKit extends BrokenChainKit {
        LookupsUnsupportedKit() {
            super(new BrokenChain.LookupsUnsupported());
        }
    }
}

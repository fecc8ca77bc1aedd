package dev.marquee.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueRecordsTest {

    @Test
    void aMissingFieldIsRejectedWithItsName() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new Cinema("c1", "london", null, "1 Leicester Sq", new GeoPoint(51.5, -0.13)));
        assertEquals("name is required", e.getMessage());
    }

    @Test
    void collectionsAreCopiedSoCallersCannotChangeThem() {
        List<String> seats = new ArrayList<>(List.of("A1", "A2"));
        SeatLockRequest request = new SeatLockRequest("s1", seats, Duration.ofMinutes(5), "hold-1");
        seats.add("A3");
        assertEquals(List.of("A1", "A2"), request.seatRefs());
    }

    @Test
    void aLockRequestNeedsDistinctSeats() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeatLockRequest("s1", List.of("A1", "A1"), Duration.ofMinutes(5), "hold-1"));
        assertTrue(e.getMessage().startsWith("seatRefs has duplicates"));
    }

    @Test
    void aLockRequestNeedsAtLeastOneSeatAndAPositiveTtl() {
        assertThrows(IllegalArgumentException.class,
                () -> new SeatLockRequest("s1", List.of(), Duration.ofMinutes(5), "hold-1"));
        assertThrows(IllegalArgumentException.class,
                () -> new SeatLockRequest("s1", List.of("A1"), Duration.ZERO, "hold-1"));
    }

    @Test
    void moneyRejectsUnknownCurrenciesAndExtraDecimals() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("10.00", "XYZ1"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("10.001", "EUR"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("-1", "EUR"));
        assertEquals("12.50", Money.of("12.50", "GBP").amount().toPlainString());
    }

    @Test
    void aRepeatedConfirmationCarriesTheBookingsTicketsAsTheFirstDid() {
        List<TheatreTicket> tickets = new ArrayList<>(List.of(new TheatreTicket("A1", "T1")));
        ConfirmOutcome.AlreadyConfirmed again = new ConfirmOutcome.AlreadyConfirmed("B1", tickets);
        tickets.add(new TheatreTicket("A2", "T2"));

        assertEquals(List.of(new TheatreTicket("A1", "T1")), again.tickets());
        assertThrows(IllegalArgumentException.class, () -> new ConfirmOutcome.AlreadyConfirmed("B1", List.of()));
        NullPointerException e = assertThrows(NullPointerException.class, () -> new ConfirmOutcome.AlreadyConfirmed("B1", null));
        assertEquals("tickets is required", e.getMessage());
    }

    @Test
    void aChainContextNamesTheFieldItMisses() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new ChainContext("aurora", null, "dev.marquee.adapter.aurora", ChainMetrics.NONE));
        assertEquals("clock is required", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ChainContext(" ", Clock.systemUTC(), "dev.marquee.adapter.aurora", ChainMetrics.NONE));
    }

    @Test
    void aContextForToolsHasTheSystemClockInUtcTheGatewaysLoggerNameAndNoMetrics() {
        ChainContext context = ChainContext.of("aurora");

        assertEquals("aurora", context.chainId());
        assertEquals(Clock.systemUTC(), context.clock());
        assertEquals("dev.marquee.adapter.aurora", context.loggerName());
        assertEquals(ChainMetrics.NONE, context.metrics());
    }

    @Test
    void aShowMustEndAfterItStarts() {
        Instant start = Instant.parse("2026-11-21T19:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new Show("s1", "m1", "h1", start, start,
                "2D", "en", ShowStatus.SCHEDULED, List.of(), 10));
    }

    @Test
    void aSeatLayoutRejectsDuplicateSeatRefs() {
        Seat a1 = new Seat("A1", "A", 1, 0, 0, "standard");
        assertThrows(IllegalArgumentException.class, () -> new SeatLayout(List.of(a1, a1)));
    }

    @Test
    void seatStateIsReadFromTheTakenSets() {
        SeatAvailability availability = new SeatAvailability("s1", Set.of("A1"), Set.of("A2"), Instant.EPOCH);
        assertEquals(SeatState.HELD, availability.stateOf("A1"));
        assertEquals(SeatState.SOLD, availability.stateOf("A2"));
        assertEquals(SeatState.AVAILABLE, availability.stateOf("A3"));
        assertThrows(IllegalArgumentException.class,
                () -> new SeatAvailability("s1", Set.of("A1"), Set.of("A1"), Instant.EPOCH));
    }

    @Test
    void distanceBetweenTwoPointsIsTheGreatCircle() {
        GeoPoint london = new GeoPoint(51.5074, -0.1278);
        GeoPoint paris = new GeoPoint(48.8566, 2.3522);
        assertEquals(343.5, london.distanceKmTo(paris), 1.0);
    }

    @Test
    void theExceptionsNameTheChain() {
        TheatreException e = new TheatreTimeoutException("aurora", "no answer in 2s", null);
        assertEquals("aurora", e.chainId());
        assertEquals("chain aurora: no answer in 2s", e.getMessage());
    }

    @Test
    void theStartCursorAsksForEverything() {
        assertTrue(CatalogCursor.START.isStart());
        assertEquals(false, new CatalogCursor("42").isStart());
    }

    @Test
    void lookupAnswersNameWhatTheyMissAndCopyTheirLists() {
        List<String> seats = new ArrayList<>(List.of("A1"));
        LockLookup.Held held = new LockLookup.Held("L1", seats, Instant.EPOCH);
        seats.add("A2");

        assertEquals(List.of("A1"), held.seatRefs());
        assertEquals("expiresAt is required", assertThrows(NullPointerException.class,
                () -> new LockLookup.Held("L1", List.of("A1"), null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LockLookup.Held("L1", List.of(), Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> new LockLookup.Confirmed("L1", "B1", List.of()));
        assertEquals("bookingRef is required", assertThrows(NullPointerException.class,
                () -> new BookingLookup.Booked(null, List.of(new TheatreTicket("A1", "T1")))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BookingLookup.Cancelled(" "));
    }
}

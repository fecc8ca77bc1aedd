package dev.marquee.booking.testing;

import static dev.marquee.booking.testing.HoldBuilder.aHold;
import static dev.marquee.booking.testing.SameValues.assertSameValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.marquee.booking.bookings.Booking;
import dev.marquee.booking.bookings.BookingStatus;
import dev.marquee.booking.bookings.BookingStore;
import dev.marquee.booking.bookings.Ticket;
import dev.marquee.booking.bookings.TicketStatus;
import dev.marquee.booking.holds.Hold;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.shows.ShowFacts;
import dev.marquee.booking.support.Transactions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BookingStore} does, as its Javadoc promises. A store passes by extending this class. A booking
 * belongs to a hold and has its seats, so each booking's hold is recorded first in {@link #holdStore()}. Each test
 * uses ids of its own and assumes nothing about other data in the stores.
 */
public abstract class BookingStoreContract {
    private static final String TOKEN_HASH = "0b".repeat(32);

    /** A fixed moment, so that stores can be tested without a clock; timestamps keep whole seconds. */
    protected final Instant now = Instant.parse("2030-03-01T10:00:00Z");

    private final ShowFacts facts = ShowBuilder.aShow(now).build().facts();

    /** The store under test; the same instance for every call within one test. */
    protected abstract BookingStore store();

    /** Where the holds of the bookings are recorded, sharing the booking store's data. */
    protected abstract HoldStore holdStore();

    /** Transactions that the booking store joins. */
    protected abstract Transactions transactions();

    /** A new pending booking of a new hold of these seats, changed last at {@code changedAt}. */
    private Booking inserted(Instant changedAt, String... seats) {
        Hold hold = aHold(now).seats(seats).build();
        assertThat(holdStore().recordWithin(hold, TOKEN_HASH, 10, now)).isTrue();
        Booking booking = pendingFor(hold, UniqueIds.next("bkg"), changedAt);
        assertThat(store().insert(booking, TOKEN_HASH)).isTrue();
        return booking;
    }

    private Booking inserted() {
        return inserted(now, "A1", "A2");
    }

    private Booking pendingFor(Hold hold, String id, Instant changedAt) {
        return new Booking(id, hold.id(), hold.showId(), hold.chainId(), hold.email(), hold.seats(), BookingStatus.PENDING_PAYMENT,
                null, hold.total(), null, null, hold.lockRef(), null, null, facts, now, changedAt);
    }

    private Booking current(String bookingId) {
        return store().find(bookingId).orElseThrow().booking();
    }

    private boolean move(String bookingId, BookingStatus from, BookingStatus to) {
        return store().transition(bookingId, EnumSet.of(from), to, "because", now);
    }

    private Ticket ticket(Booking booking, String seatId, TicketStatus status) {
        return new Ticket(UniqueIds.next("tkt"), booking.id(), seatId, seatId, "chain-" + seatId, "qr-" + seatId, status,
                status == TicketStatus.USED ? now : null);
    }

    @Test
    void anInsertedBookingIsFoundWithItsTokenHash() {
        Booking booking = inserted(now, "A1", "C1");

        BookingStore.StoredBooking found = store().find(booking.id()).orElseThrow();

        assertSameValues(found.booking(), booking);
        assertThat(found.tokenHash()).isEqualTo(TOKEN_HASH);
    }

    @Test
    void aBookingIsFoundByItsHold() {
        Booking booking = inserted();

        assertThat(store().findByHold(booking.holdId()).orElseThrow().booking().id()).isEqualTo(booking.id());
    }

    @Test
    void anUnknownBookingIsNotFound() {
        assertThat(store().find(UniqueIds.next("bkg"))).isEmpty();
        assertThat(store().findByHold(UniqueIds.next("hld"))).isEmpty();
        assertThat(store().findByPayment(UniqueIds.next("pay"))).isEmpty();
    }

    @Test
    void aHoldHasOneBookingAtMost() {
        Booking first = inserted();
        Hold hold = holdStore().find(first.holdId()).orElseThrow().hold();
        Booking second = pendingFor(hold, UniqueIds.next("bkg"), now);

        assertThat(store().insert(second, TOKEN_HASH)).isFalse();
        assertThat(store().find(second.id())).isEmpty();
        assertThat(store().findByHold(hold.id()).orElseThrow().booking().id()).isEqualTo(first.id());
    }

    @Test
    void aBookingIsFoundByItsPaymentOnceThePaymentIsOpened() {
        Booking booking = inserted();
        String paymentId = UniqueIds.next("pay");

        store().paymentOpened(booking.id(), paymentId, "https://pay.example/" + paymentId);

        Booking found = store().findByPayment(paymentId).orElseThrow().booking();
        assertThat(found.id()).isEqualTo(booking.id());
        assertThat(found.paymentId()).isEqualTo(paymentId);
        assertThat(found.paymentUrl()).isEqualTo("https://pay.example/" + paymentId);
    }

    @Test
    void aPaymentMatchedToABookingWithoutOneIsRecorded() {
        Booking booking = inserted();
        String paymentId = UniqueIds.next("pay");

        assertThat(store().paymentMatched(booking.id(), paymentId)).isTrue();

        assertThat(store().findByPayment(paymentId).orElseThrow().booking().id()).isEqualTo(booking.id());
        assertThat(current(booking.id()).paymentUrl()).isNull();
    }

    @Test
    void aPaymentMatchedToABookingWithOneKeepsTheFirst() {
        Booking booking = inserted();
        String opened = UniqueIds.next("pay");
        store().paymentOpened(booking.id(), opened, "https://pay.example/" + opened);

        assertThat(store().paymentMatched(booking.id(), UniqueIds.next("pay"))).isFalse();

        assertThat(current(booking.id()).paymentId()).isEqualTo(opened);
        assertThat(current(booking.id()).paymentUrl()).isEqualTo("https://pay.example/" + opened);
    }

    @Test
    void aTransitionMovesABookingOnFromOneOfTheExpectedStatuses() {
        Booking booking = inserted();
        Instant later = now.plusSeconds(90);

        assertThat(store().transition(booking.id(), EnumSet.of(BookingStatus.EXPIRED, BookingStatus.PENDING_PAYMENT),
                BookingStatus.REFUNDED, "paid too little", later)).isTrue();

        Booking moved = current(booking.id());
        assertThat(moved.status()).isEqualTo(BookingStatus.REFUNDED);
        assertThat(moved.statusReason()).isEqualTo("paid too little");
        assertThat(moved.changedAt()).isEqualTo(later);
    }

    @Test
    void aTransitionFromAnyOtherStatusChangesNothing() {
        Booking booking = inserted();

        assertThat(move(booking.id(), BookingStatus.CONFIRMED, BookingStatus.CANCELLED)).isFalse();

        assertSameValues(current(booking.id()), booking);
    }

    @Test
    void ofManyCallersMovingOneBookingOnExactlyOneWins() {
        Booking booking = inserted();

        List<Boolean> moved = Race.run(8, () -> move(booking.id(), BookingStatus.PENDING_PAYMENT, BookingStatus.EXPIRED));

        assertThat(Race.winners(moved)).isEqualTo(1);
    }

    @Test
    void confirmingRecordsTheChainsBookingRef() {
        Booking booking = inserted();

        store().confirmed(booking.id(), "chain-booking-7", now.plusSeconds(5));

        Booking confirmed = current(booking.id());
        assertThat(confirmed.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(confirmed.chainBookingRef()).isEqualTo("chain-booking-7");
        assertThat(confirmed.changedAt()).isEqualTo(now.plusSeconds(5));
    }

    @Test
    void lockAnswersTheBookingAsItIsNow() {
        Booking booking = inserted();
        move(booking.id(), BookingStatus.PENDING_PAYMENT, BookingStatus.FAILED);

        Booking locked = transactions().atomically(() -> store().lock(booking.id())).orElseThrow();

        assertThat(locked.status()).isEqualTo(BookingStatus.FAILED);
    }

    @Test
    void lockingAnUnknownBookingFindsNothing() {
        assertThat(transactions().atomically(() -> store().lock(UniqueIds.next("bkg")))).isEmpty();
    }

    @Test
    void ofManyTransactionsLockingOneBookingToConfirmItOnlyOneSeesItUnconfirmed() {
        Booking booking = inserted();

        List<Boolean> confirmed = Race.run(8, () -> transactions().atomically(() -> {
            if (store().lock(booking.id()).orElseThrow().status() != BookingStatus.PENDING_PAYMENT) {
                return false;
            }
            store().confirmed(booking.id(), "chain-booking-" + Thread.currentThread().threadId(), now);
            return true;
        }));

        assertThat(Race.winners(confirmed)).isEqualTo(1);
    }

    @Test
    void idsInListsBookingsInAStatusLastChangedBeforeAMomentOldestFirst() {
        Booking newer = inserted(now.minusSeconds(60), "A1");
        Booking older = inserted(now.minusSeconds(120), "A2");
        Booking atTheMoment = inserted(now, "A3");
        Booking otherStatus = inserted(now.minusSeconds(180), "A4");
        move(otherStatus.id(), BookingStatus.PENDING_PAYMENT, BookingStatus.FAILED);
        List<String> mine = List.of(newer.id(), older.id(), atTheMoment.id(), otherStatus.id());

        List<String> ids = store().idsIn(BookingStatus.PENDING_PAYMENT, now, 10_000).stream().filter(mine::contains).toList();

        assertThat(ids).containsExactly(older.id(), newer.id());
    }

    @Test
    void changedInListsBookingsOfAStatusChangedBetweenTwoMomentsOldestFirstWithWhen() {
        Booking atTheStart = inserted(now.minusSeconds(300), "C1");
        Booking older = inserted(now.minusSeconds(200), "C2");
        Booking newer = inserted(now.minusSeconds(100), "C3");
        Booking atTheEnd = inserted(now, "C4");
        List<String> mine = List.of(atTheStart.id(), older.id(), newer.id(), atTheEnd.id());

        List<BookingStore.Changed> changed = store().changedIn(BookingStatus.PENDING_PAYMENT, now.minusSeconds(300), now, 10_000)
                .stream().filter(c -> mine.contains(c.bookingId())).toList();

        assertThat(changed).containsExactly(new BookingStore.Changed(older.id(), now.minusSeconds(200)),
                new BookingStore.Changed(newer.id(), now.minusSeconds(100)));
    }

    @Test
    void changedInListsNoMoreThanTheLimit() {
        IntStream.range(0, 3).forEach(i -> inserted(now.minusSeconds(60), "B" + (i + 1)));

        assertThat(store().changedIn(BookingStatus.PENDING_PAYMENT, now.minusSeconds(61), now, 2)).hasSize(2);
    }

    @Test
    void aBookingConfirmingIsKeptSoAndMovesOnFromThere() {
        Booking booking = inserted();

        assertThat(move(booking.id(), BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMING)).isTrue();
        assertThat(current(booking.id()).status()).isEqualTo(BookingStatus.CONFIRMING);
        assertThat(store().idsIn(BookingStatus.CONFIRMING, now.plusSeconds(1), 10_000)).contains(booking.id());

        assertThat(move(booking.id(), BookingStatus.CONFIRMING, BookingStatus.REFUNDED)).isTrue();
        assertThat(current(booking.id()).status()).isEqualTo(BookingStatus.REFUNDED);
    }

    @Test
    void idsInListsNoMoreThanTheLimit() {
        IntStream.range(0, 3).forEach(i -> inserted(now.minusSeconds(60), "B" + (i + 1)));

        assertThat(store().idsIn(BookingStatus.PENDING_PAYMENT, now, 2)).hasSize(2);
    }

    @Test
    void aRecordedRefundIsKept() {
        Booking booking = inserted();

        store().refundRecorded(booking.id(), "re_42");

        assertThat(current(booking.id()).refundId()).isEqualTo("re_42");
    }

    @Test
    void aRenewedLockReplacesTheLockTheBookingConfirms() {
        Booking booking = inserted();

        store().lockRenewed(booking.id(), "lock-again");

        assertThat(current(booking.id()).lockRef()).isEqualTo("lock-again");
    }

    @Test
    void addedTicketsAreListedForTheirBooking() {
        Booking booking = inserted();
        List<Ticket> tickets = List.of(ticket(booking, "A1", TicketStatus.VALID), ticket(booking, "A2", TicketStatus.VALID));

        store().addTickets(tickets, now);

        assertThat(store().tickets(booking.id())).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(tickets);
        assertThat(store().tickets(inserted().id())).isEmpty();
    }

    @Test
    void voidingTicketsVoidsTheValidOnesAndLeavesUsedOnesUsed() {
        Booking booking = inserted();
        Ticket valid = ticket(booking, "A1", TicketStatus.VALID);
        Ticket used = ticket(booking, "A2", TicketStatus.USED);
        store().addTickets(List.of(valid, used), now);

        store().voidTickets(booking.id());

        assertThat(store().tickets(booking.id())).extracting(Ticket::seatId, Ticket::status)
                .containsExactlyInAnyOrder(tuple("A1", TicketStatus.VOID),
                        tuple("A2", TicketStatus.USED));
    }

    @Test
    void restoringTicketsMakesTheVoidOnesValidAndLeavesUsedOnesUsed() {
        Booking booking = inserted();
        store().addTickets(List.of(ticket(booking, "A1", TicketStatus.VALID), ticket(booking, "A2", TicketStatus.USED)), now);
        store().voidTickets(booking.id());

        store().restoreTickets(booking.id());

        assertThat(store().tickets(booking.id())).extracting(Ticket::seatId, Ticket::status)
                .containsExactlyInAnyOrder(tuple("A1", TicketStatus.VALID), tuple("A2", TicketStatus.USED));
    }
}

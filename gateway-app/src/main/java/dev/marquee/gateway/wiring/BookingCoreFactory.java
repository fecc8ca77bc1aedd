package dev.marquee.gateway.wiring;

import dev.marquee.booking.bookings.BookingOutbox;
import dev.marquee.booking.bookings.BookingStore;
import dev.marquee.booking.bookings.Bookings;
import dev.marquee.booking.bookings.Checkout;
import dev.marquee.booking.bookings.Confirmations;
import dev.marquee.booking.bookings.PaymentReturns;
import dev.marquee.booking.bookings.ReconciliationMetrics;
import dev.marquee.booking.bookings.Reconciler;
import dev.marquee.booking.bookings.Refunds;
import dev.marquee.booking.bookings.TicketIssue;
import dev.marquee.booking.bookings.TicketSigning;
import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.holds.Holds;
import dev.marquee.booking.idempotency.IdempotencyStore;
import dev.marquee.booking.idempotency.IdempotentRequests;
import dev.marquee.booking.payments.PaymentProvider;
import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.Shows;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.booking.waitlist.Waitlist;
import dev.marquee.booking.waitlist.WaitlistStore;
import dev.marquee.booking.waitingroom.Movies;
import dev.marquee.booking.waitingroom.WaitingRoom;
import dev.marquee.booking.waitingroom.WaitingRoomStore;
import dev.marquee.gateway.booking.BookingSettings;
import dev.marquee.gateway.broadcast.Broadcasts;
import dev.marquee.gateway.holds.HoldSettings;
import dev.marquee.gateway.waitingroom.WaitingRoomSettings;
import dev.marquee.gateway.waitlist.AnnouncingWaitlistStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the booking core's services from the gateway's edges: the JDBC stores, the outbox, the chains
 * behind their breakers, the catalogue, the payment provider and the one clock. The core itself knows
 * nothing of Micronaut.
 */
@Factory
public class BookingCoreFactory {

    @Singleton
    Secrets secrets() {
        return Secrets.random();
    }

    @Singleton
    Holds holds(Shows shows, Chains chains, HoldStore store, HoldSettings settings, SeatWatch watch, Secrets secrets,
            Transactions transactions, Clock clock) {
        return new Holds(shows, chains, store, settings.rules(), watch, secrets, transactions, clock);
    }

    @Singleton
    IdempotentRequests idempotentRequests(IdempotencyStore store, HoldSettings settings, Clock clock) {
        return new IdempotentRequests(store, settings.idempotencyRules(), clock);
    }

    @Singleton
    Checkout checkout(HoldStore holds, BookingStore bookings, Shows shows, PaymentProvider payments, Secrets secrets, Clock clock) {
        return new Checkout(holds, bookings, shows, payments, secrets, clock);
    }

    @Singleton
    Bookings bookings(BookingStore bookings, HoldStore holds, BookingOutbox outbox, Transactions transactions, Chains chains,
            SeatWatch watch, BookingSettings settings, Clock clock) {
        return new Bookings(bookings, holds, outbox, transactions, chains, watch, settings.rules(), clock);
    }

    @Singleton
    TicketIssue ticketIssue(TicketSigning signing, Secrets secrets) {
        return new TicketIssue(signing, secrets);
    }

    @Singleton
    PaymentReturns paymentReturns(BookingStore bookings, BookingOutbox outbox, Transactions transactions, Holds holds, Clock clock) {
        return new PaymentReturns(bookings, outbox, transactions, holds, clock);
    }

    @Singleton
    Confirmations confirmations(BookingStore bookings, HoldStore holds, BookingOutbox outbox, Transactions transactions,
            Chains chains, Shows shows, SeatWatch watch, TicketIssue tickets, PaymentReturns returns, BookingSettings settings,
            Clock clock) {
        return new Confirmations(bookings, holds, outbox, transactions, chains, shows, watch, tickets, returns, settings.rules(),
                clock);
    }

    /** Counts what it finds where {@code /prometheus} shows it, unless metrics are switched off. */
    @Singleton
    Reconciler reconciler(BookingStore bookings, PaymentProvider payments, Chains chains, Confirmations confirmations,
            Bookings cancellations, BookingOutbox outbox, @Nullable ReconciliationMetrics metrics, BookingSettings settings,
            Clock clock) {
        return new Reconciler(bookings, payments, chains, confirmations, cancellations, outbox,
                metrics == null ? ReconciliationMetrics.NONE : metrics, settings.reconcileAfter(), clock);
    }

    @Singleton
    Refunds refunds(PaymentProvider payments, BookingStore bookings) {
        return new Refunds(payments, bookings);
    }

    /** Where waitlists are served after seats came free, off the thread that freed them. */
    @Singleton
    @Named("waitlist")
    @Bean(preDestroy = "shutdownNow")
    ExecutorService waitlistExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Singleton
    Waitlist waitlist(WaitlistStore entries, Holds holds, Shows shows, Chains chains, Secrets secrets,
            @Named("waitlist") ExecutorService background, Broadcasts broadcasts, Clock clock) {
        return new Waitlist(AnnouncingWaitlistStore.of(entries, broadcasts), holds, shows, chains, secrets, background, clock);
    }

    @Singleton
    WaitingRoom waitingRoom(WaitingRoomStore store, Transactions transactions, Shows shows, Movies movies, Secrets secrets,
            WaitingRoomSettings settings, Clock clock) {
        return new WaitingRoom(store, transactions, shows, movies, secrets, settings.rules(), clock);
    }
}

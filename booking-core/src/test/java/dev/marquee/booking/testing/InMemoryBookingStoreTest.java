package dev.marquee.booking.testing;

import dev.marquee.booking.bookings.BookingStore;
import dev.marquee.booking.holds.HoldStore;
import dev.marquee.booking.support.Transactions;

class InMemoryBookingStoreTest extends BookingStoreContract {
    private final InMemoryBookingStore store = new InMemoryBookingStore();
    private final InMemoryHoldStore holdStore = new InMemoryHoldStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected BookingStore store() {
        return store;
    }

    @Override
    protected HoldStore holdStore() {
        return holdStore;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}

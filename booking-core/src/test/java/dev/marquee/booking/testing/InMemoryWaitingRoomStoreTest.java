package dev.marquee.booking.testing;

import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.waitingroom.WaitingRoomStore;

class InMemoryWaitingRoomStoreTest extends WaitingRoomStoreContract {
    private final InMemoryWaitingRoomStore store = new InMemoryWaitingRoomStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected WaitingRoomStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}

package dev.marquee.booking.testing;

import dev.marquee.booking.idempotency.IdempotencyStore;
import dev.marquee.booking.support.Transactions;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}

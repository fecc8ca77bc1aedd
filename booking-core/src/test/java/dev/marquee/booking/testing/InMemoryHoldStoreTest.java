package dev.marquee.booking.testing;

import dev.marquee.booking.holds.HoldStore;

class InMemoryHoldStoreTest extends HoldStoreContract {
    private final InMemoryHoldStore store = new InMemoryHoldStore();

    @Override
    protected HoldStore store() {
        return store;
    }
}

package dev.marquee.booking.testing;

import dev.marquee.booking.waitlist.WaitlistStore;

class InMemoryWaitlistStoreTest extends WaitlistStoreContract {
    private final InMemoryWaitlistStore store = new InMemoryWaitlistStore();

    @Override
    protected WaitlistStore store() {
        return store;
    }
}

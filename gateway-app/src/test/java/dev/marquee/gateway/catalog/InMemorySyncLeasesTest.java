package dev.marquee.gateway.catalog;

class InMemorySyncLeasesTest extends SyncLeasesContract {
    private final InMemorySyncLeases leases = new InMemorySyncLeases();

    @Override
    protected SyncLeases leases() {
        return leases;
    }
}

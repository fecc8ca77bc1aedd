package dev.marquee.gateway.catalog.browse;

import io.micronaut.serde.annotation.Serdeable;

/** Short references to catalogue entries embedded in other answers. */
public final class Refs {
    private Refs() {
    }

    /**
     * A chain, with how fresh the gateway's copy of its catalogue is.
     *
     * @param id chain id
     * @param name display name
     * @param catalogueSyncedAt when its catalogue last synced, or null if never
     * @param catalogueAgeSeconds seconds since then, or null if never
     * @param catalogueStale true when the last sync failed: its data is served from the last good sync
     */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ChainRef(String id, String name, @io.micronaut.core.annotation.Nullable java.time.Instant catalogueSyncedAt,
            @io.micronaut.core.annotation.Nullable Long catalogueAgeSeconds, boolean catalogueStale) {

        public static ChainRef named(String id, String name) {
            return new ChainRef(id, name, null, null, false);
        }
    }

    @Serdeable
    public record HallRef(String id, String name) {
    }

    @Serdeable
    public record MovieRef(String id, String title) {
    }
}

package dev.marquee.gateway.catalog.browse;

import io.micronaut.serde.annotation.Serdeable;

/** Short references to catalogue entries embedded in other answers. */
public final class Refs {
    private Refs() {
    }

    @Serdeable
    public record ChainRef(String id, String name) {
    }

    @Serdeable
    public record HallRef(String id, String name) {
    }

    @Serdeable
    public record MovieRef(String id, String title) {
    }
}

package dev.marquee.gateway.catalog;

import dev.marquee.spi.SeatLayout;
import java.util.Objects;

/**
 * A hall (screen) of a cinema with its seat layout.
 *
 * @param id gateway id, {@code <chainId>:<ref>}
 * @param cinemaId the {@link Cinema#id()} it belongs to
 * @param name its name
 * @param layout its seats; seat ids are the chain's seat refs
 */
public record Hall(String id, String cinemaId, String name, SeatLayout layout) {
    public Hall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cinemaId, "cinemaId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
    }

    public int capacity() {
        return layout.capacity();
    }
}

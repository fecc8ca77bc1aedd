package dev.marquee.booking.shows;

import java.util.Optional;

/** The shows the gateway knows, as last synced from their chains. */
@FunctionalInterface
public interface Shows {
    Optional<BookableShow> show(String showId);
}

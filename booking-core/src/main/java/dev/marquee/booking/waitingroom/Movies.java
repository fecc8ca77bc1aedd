package dev.marquee.booking.waitingroom;

import java.util.Optional;

/** Which movie a show is of, so that a whole on-sale (every show of a movie) can be put in queue mode at once. */
public interface Movies {

    /** The gateway movie id of the show; empty for a show the gateway does not know. */
    Optional<String> movieOf(String showId);

    /** Whether the gateway knows a movie with this id. */
    boolean exists(String movieId);
}

package dev.marquee.booking.waitingroom;

import java.util.Objects;

/**
 * What a queue mode covers: one show, or a whole on-sale, every show of one movie across cinemas and chains.
 *
 * @param kind show or movie
 * @param id the gateway show id ({@code aurora:1042}) or movie id ({@code interstellar-2014})
 */
public record QueueScope(Kind kind, String id) {

    public enum Kind {
        SHOW, MOVIE
    }

    public QueueScope {
        Objects.requireNonNull(kind, "kind");
        // Not checked further: an id from a request that names nothing is answered as unknown, not as a fault.
        Objects.requireNonNull(id, "id");
    }

    public static QueueScope show(String showId) {
        return new QueueScope(Kind.SHOW, showId);
    }

    public static QueueScope movie(String movieId) {
        return new QueueScope(Kind.MOVIE, movieId);
    }
}

package dev.marquee.booking.testing;

import dev.marquee.booking.waitingroom.Movies;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which movie each show is of, as a test says. */
public final class FixedMovies implements Movies {
    private final Map<String, String> movieByShow = new ConcurrentHashMap<>();

    /** The show is of this movie. */
    public FixedMovies show(String showId, String movieId) {
        movieByShow.put(showId, movieId);
        return this;
    }

    @Override
    public Optional<String> movieOf(String showId) {
        return Optional.ofNullable(movieByShow.get(showId));
    }

    @Override
    public boolean exists(String movieId) {
        return movieByShow.containsValue(movieId);
    }
}

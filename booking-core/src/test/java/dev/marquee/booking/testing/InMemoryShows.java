package dev.marquee.booking.testing;

import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.Shows;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The shows a test put in. */
public final class InMemoryShows implements Shows {
    private final ConcurrentHashMap<String, BookableShow> shows = new ConcurrentHashMap<>();

    /** Adds or replaces a show. */
    public BookableShow put(BookableShow show) {
        shows.put(show.id(), show);
        return show;
    }

    @Override
    public Optional<BookableShow> show(String showId) {
        return showId == null ? Optional.empty() : Optional.ofNullable(shows.get(showId));
    }
}

package dev.marquee.gateway.catalog.search;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Cinema;
import dev.marquee.gateway.catalog.City;
import dev.marquee.gateway.catalog.Movie;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.catalog.browse.Refs;
import dev.marquee.gateway.catalog.browse.ShowWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns index hits into bookable movies. A movie hit offers every cinema showing it; a cinema hit offers
 * the movies showing at that cinema, there. Only shows on sale with free seats within the query's city
 * and dates count.
 */
public final class MovieSearch {
    /** Index hits looked at per search; far more than a client pages through. */
    private static final int HITS = 200;

    private final SearchIndex index;
    private final Instant now;
    private final Function<String, Refs.ChainRef> chainRef;

    public MovieSearch(SearchIndex index, Instant now, Function<String, Refs.ChainRef> chainRef) {
        this.index = index;
        this.now = now;
        this.chainRef = chainRef;
    }

    public SearchResults search(SearchQuery query) {
        Catalog catalog = index.catalog();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        for (SearchIndex.Hit hit : index.find(query.text(), HITS)) {
            switch (hit.kind()) {
                case MOVIE -> candidates.computeIfAbsent(hit.id(), Candidate::new).matchAll(hit.score());
                case CINEMA -> {
                    for (Show show : catalog.showsAt(hit.id())) {
                        candidates.computeIfAbsent(show.movieId(), Candidate::new).matchAt(hit.id(), hit.score());
                    }
                }
            }
        }
        List<SearchResults.MovieMatch> movies = candidates.values().stream()
                .sorted(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::movieId))
                .flatMap(c -> match(catalog, c, query).stream())
                .limit(query.limit())
                .toList();
        return new SearchResults(query.text(), query.cityId(), query.from(), query.to(), movies);
    }

    private Optional<SearchResults.MovieMatch> match(Catalog catalog, Candidate candidate, SearchQuery query) {
        return catalog.movie(candidate.movieId()).flatMap(movie -> {
            List<SearchResults.CinemaDates> cinemas = bookable(catalog, movie, candidate, query);
            return cinemas.isEmpty() ? Optional.empty() : Optional.of(new SearchResults.MovieMatch(
                    movie.id(), movie.title(), movie.genres(), movie.runtimeMinutes(), movie.rating(), movie.posterUrl(), cinemas));
        });
    }

    private List<SearchResults.CinemaDates> bookable(Catalog catalog, Movie movie, Candidate candidate, SearchQuery query) {
        Map<String, TreeSet<LocalDate>> datesByCinema = new HashMap<>();
        for (Show show : catalog.showsOf(movie.id())) {
            if (show.seatsAvailable() <= 0 || !candidate.offers(show.cinemaId())) {
                continue;
            }
            catalog.cinema(show.cinemaId())
                    .filter(cinema -> query.cityId() == null || cinema.cityId().equals(query.cityId()))
                    .ifPresent(cinema -> {
                        ZoneId zone = catalog.city(cinema.cityId()).map(City::timeZone).orElse(ZoneOffset.UTC);
                        if (ShowWindow.days(query.from(), query.to(), zone, now).contains(show)) {
                            datesByCinema.computeIfAbsent(cinema.id(), k -> new TreeSet<>())
                                    .add(show.startsAt().atZone(zone).toLocalDate());
                        }
                    });
        }
        List<SearchResults.CinemaDates> cinemas = new ArrayList<>();
        for (Map.Entry<String, TreeSet<LocalDate>> entry : datesByCinema.entrySet()) {
            Cinema cinema = catalog.cinema(entry.getKey()).orElseThrow();
            cinemas.add(new SearchResults.CinemaDates(cinema.id(), cinema.name(), cinema.cityId(),
                    chainRef.apply(cinema.chainId()), List.copyOf(entry.getValue())));
        }
        cinemas.sort(Comparator.comparing(SearchResults.CinemaDates::name).thenComparing(SearchResults.CinemaDates::id));
        return cinemas;
    }

    /** A movie found directly (every cinema counts) or through cinemas (only those count). */
    private static final class Candidate {
        private final String movieId;
        private boolean everywhere;
        private final Set<String> cinemaIds = new HashSet<>();
        private double score;

        Candidate(String movieId) {
            this.movieId = movieId;
        }

        void matchAll(float hitScore) {
            everywhere = true;
            score = Math.max(score, hitScore);
        }

        void matchAt(String cinemaId, float hitScore) {
            cinemaIds.add(cinemaId);
            score = Math.max(score, hitScore);
        }

        boolean offers(String cinemaId) {
            return everywhere || cinemaIds.contains(cinemaId);
        }

        String movieId() {
            return movieId;
        }

        double score() {
            return score;
        }
    }
}

package dev.marquee.gateway.catalog;

import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.ShowFacts;
import dev.marquee.booking.shows.Shows;
import dev.marquee.spi.Money;
import dev.marquee.spi.SeatPrice;
import dev.marquee.spi.ShowStatus;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The booking core's view of the shows: the current in-memory catalogue. */
@Singleton
public class CatalogShows implements Shows {
    private final CatalogHolder catalogs;

    public CatalogShows(CatalogHolder catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public Optional<BookableShow> show(String showId) {
        Catalog catalog = catalogs.current();
        return catalog.show(showId).flatMap(show -> catalog.hall(show.hallId()).map(hall -> {
            String title = catalog.movie(show.movieId()).map(Movie::title).orElse(show.movieId());
            String cinemaName = catalog.cinema(show.cinemaId()).map(Cinema::name).orElse(show.cinemaId());
            Map<String, Money> prices = show.prices().stream()
                    .collect(Collectors.toMap(SeatPrice::category, SeatPrice::price, (first, second) -> first));
            return new BookableShow(show.id(), show.chainId(), show.ref(), show.status() == ShowStatus.CANCELLED,
                    hall.layout().seats(), prices, new ShowFacts(title, show.cinemaId(), cinemaName, hall.name(), show.startsAt(),
                            show.endsAt()));
        }));
    }
}

package dev.marquee.gateway.catalog.browse;

import dev.marquee.gateway.web.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

/** Browsing the catalogue: cities, movies, cinemas and shows. Reads memory only, so it does not block. */
@Controller(value = "/api/v1", produces = MediaType.APPLICATION_JSON)
public class BrowseController {
    private final Browsing browsing;

    public BrowseController(Browsing browsing) {
        this.browsing = browsing;
    }

    @Get("/cities")
    public CityList cities() {
        return browsing.now().cities();
    }

    @Get("/cities/{cityId}/movies")
    public CityMovies moviesIn(@PathVariable String cityId, @QueryValue @Nullable String date) {
        return browsing.now().moviesIn(cityId, Params.date("date", date));
    }

    @Get("/cities/{cityId}/cinemas")
    public CinemaList cinemasIn(@PathVariable String cityId, @QueryValue @Nullable Double lat, @QueryValue @Nullable Double lon) {
        return browsing.now().cinemasIn(cityId, Params.origin(lat, lon));
    }

    @Get("/movies/{movieId}")
    public MovieDetails movie(@PathVariable String movieId) {
        return browsing.now().movie(movieId);
    }

    @Get("/movies/{movieId}/shows")
    public MovieShows showsOf(@PathVariable String movieId, @QueryValue @Nullable String city, @QueryValue @Nullable String date,
            @QueryValue @Nullable Double lat, @QueryValue @Nullable Double lon) {
        var origin = Params.origin(lat, lon);
        return browsing.now().showsOf(movieId, city, Params.date("date", date), origin);
    }

    @Get("/cinemas/{cinemaId}")
    public CinemaDetails cinema(@PathVariable String cinemaId) {
        return browsing.now().cinema(cinemaId);
    }

    @Get("/shows/{showId}")
    public ShowDetails show(@PathVariable String showId) {
        return browsing.now().show(showId);
    }
}

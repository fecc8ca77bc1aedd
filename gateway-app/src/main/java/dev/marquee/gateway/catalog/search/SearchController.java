package dev.marquee.gateway.catalog.search;

import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.NotFoundException;
import dev.marquee.gateway.web.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/** Full-text search over movies and cinemas, tolerant of misspellings. */
@Controller(value = "/api/v1/search", produces = MediaType.APPLICATION_JSON)
public class SearchController {
    private final SearchService search;

    public SearchController(SearchService search) {
        this.search = search;
    }

    @Get
    public SearchResults search(@QueryValue @Nullable String q, @QueryValue @Nullable String city,
            @QueryValue @Nullable String from, @QueryValue @Nullable String to, @QueryValue @Nullable Integer limit) {
        if (q == null || q.isBlank()) {
            throw InvalidParametersException.of("q", "is required and must not be blank");
        }
        Params.DateRange dates = Params.dateRange("from", from, "to", to);
        int max = limit == null ? SearchQuery.DEFAULT_LIMIT : limit;
        if (max < 1 || max > SearchQuery.MAX_LIMIT) {
            throw InvalidParametersException.of("limit", "must be within [1, " + SearchQuery.MAX_LIMIT + "], got " + max);
        }
        if (city != null && !search.knowsCity(city)) {
            throw new NotFoundException("city", city);
        }
        return search.search(new SearchQuery(q.strip(), city, dates.from(), dates.to(), max));
    }
}

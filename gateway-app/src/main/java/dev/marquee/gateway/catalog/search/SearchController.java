package dev.marquee.gateway.catalog.search;

import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.NotFoundException;
import dev.marquee.gateway.web.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Full-text search over movies and cinemas, tolerant of misspellings. Fuzzy matching takes milliseconds
 * of CPU per word, so it runs off the event loop, and queries are capped by {@link SearchSettings}.
 */
@Controller(value = "/api/v1/search", produces = MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SearchController {
    private final SearchService search;
    private final SearchSettings limits;

    public SearchController(SearchService search, SearchSettings limits) {
        this.search = search;
        this.limits = limits;
    }

    @Get
    public SearchResults search(@QueryValue @Nullable String q, @QueryValue @Nullable String city,
            @QueryValue @Nullable String from, @QueryValue @Nullable String to, @QueryValue @Nullable Integer limit) {
        String text = text(q);
        Params.DateRange dates = Params.dateRange("from", from, "to", to);
        int max = limit == null ? SearchQuery.DEFAULT_LIMIT : limit;
        if (max < 1 || max > SearchQuery.MAX_LIMIT) {
            throw InvalidParametersException.of("limit", "must be within [1, " + SearchQuery.MAX_LIMIT + "], got " + max);
        }
        if (city != null && !search.knowsCity(city)) {
            throw new NotFoundException("city", city);
        }
        return search.search(new SearchQuery(text, city, dates.from(), dates.to(), max));
    }

    private String text(@Nullable String q) {
        if (q == null || q.isBlank()) {
            throw InvalidParametersException.of("q", "is required and must not be blank");
        }
        String text = q.strip();
        int length = text.codePointCount(0, text.length());
        if (length > limits.maxLengthOrDefault()) {
            throw InvalidParametersException.of("q", "must be at most " + limits.maxLengthOrDefault() + " characters, got " + length);
        }
        int words = SearchIndex.words(text).size();
        if (words > limits.maxWordsOrDefault()) {
            throw InvalidParametersException.of("q", "must be at most " + limits.maxWordsOrDefault() + " words, got " + words);
        }
        return text;
    }
}

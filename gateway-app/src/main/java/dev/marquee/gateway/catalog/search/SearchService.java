package dev.marquee.gateway.catalog.search;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.browse.Browsing;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a search index of the current catalogue, rebuilt whenever the catalogue is replaced. Searches
 * read one index and the catalogue it was built from, so hits always resolve.
 */
@Singleton
public class SearchService {
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    private final Browsing browsing;
    private final Clock clock;
    private volatile SearchIndex index;

    public SearchService(CatalogHolder catalogs, Browsing browsing, Clock clock) {
        this.browsing = browsing;
        this.clock = clock;
        catalogs.onReplace(this::rebuild);
    }

    private void rebuild(Catalog catalog) {
        long started = System.nanoTime();
        // The old index is left to the garbage collector rather than closed: a search may still be reading it.
        index = SearchIndex.build(catalog);
        LOG.debug("Search index of catalogue {} built in {} ms", catalog.version(), (System.nanoTime() - started) / 1_000_000);
    }

    public SearchResults search(SearchQuery query) {
        return new MovieSearch(index, clock.instant(), browsing::chainRef).search(query);
    }

    /** Whether the city exists in the catalogue being searched. */
    public boolean knowsCity(String cityId) {
        return index.catalog().city(cityId).isPresent();
    }
}

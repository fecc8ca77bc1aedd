package dev.marquee.gateway.catalog.search;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import org.apache.lucene.search.IndexSearcher;

/**
 * Search limits, from {@code marquee.search.*}. Every word of a query becomes a fuzzy query in each
 * indexed field, so the cost of a search (and Lucene's clause limit) grows with its words: a longer
 * query is refused rather than run.
 *
 * @param maxWords most words a query may search for (stop words such as "the" not counted), default 10
 * @param maxLength most characters a query may have, default 200
 */
@ConfigurationProperties("marquee.search")
public record SearchSettings(@Nullable Integer maxWords, @Nullable Integer maxLength) {
    static final int DEFAULT_MAX_WORDS = 10;
    static final int DEFAULT_MAX_LENGTH = 200;

    public SearchSettings {
        if (maxWords != null && maxWords < 1) {
            throw new ConfigurationException("marquee.search.max-words must be at least 1: " + maxWords);
        }
        int clauses = (maxWords == null ? DEFAULT_MAX_WORDS : maxWords) * SearchIndex.MAX_CLAUSES_PER_WORD;
        if (clauses > IndexSearcher.getMaxClauseCount()) {
            throw new ConfigurationException("marquee.search.max-words must be at most "
                    + IndexSearcher.getMaxClauseCount() / SearchIndex.MAX_CLAUSES_PER_WORD + " (Lucene's clause limit): " + maxWords);
        }
        if (maxLength != null && maxLength < 1) {
            throw new ConfigurationException("marquee.search.max-length must be at least 1: " + maxLength);
        }
    }

    /** The limits when nothing is configured. */
    public static SearchSettings defaults() {
        return new SearchSettings(null, null);
    }

    public int maxWordsOrDefault() {
        return maxWords == null ? DEFAULT_MAX_WORDS : maxWords;
    }

    public int maxLengthOrDefault() {
        return maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
    }
}

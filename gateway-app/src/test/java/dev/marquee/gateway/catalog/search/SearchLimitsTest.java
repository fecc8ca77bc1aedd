package dev.marquee.gateway.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.gateway.catalog.TestCatalog;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worst query the limits allow stays within Lucene's clause limit, on a catalogue full of near misses. */
class SearchLimitsTest {
    private static final Logger LOG = LoggerFactory.getLogger(SearchLimitsTest.class);
    private static final List<String> WORDS = List.of(
            "starlight", "wormhole", "paddock", "midnight", "gathering", "horizons", "blackout", "daylight", "mountain", "kingdoms");

    @Test
    void theLongestAllowedQueryOfMisspelledWordsRunsWhateverTheIndexHolds() {
        SearchIndex index = SearchIndex.build(nearMisses());
        String query = String.join(" ", WORDS);
        assertThat(SearchIndex.words(query)).hasSize(SearchSettings.defaults().maxWordsOrDefault());
        assertThat(query.length()).isLessThanOrEqualTo(SearchSettings.defaults().maxLengthOrDefault());

        for (int run = 1; run <= 3; run++) {
            long started = System.nanoTime();
            List<SearchIndex.Hit> hits = index.find(query, 200);
            long millis = (System.nanoTime() - started) / 1_000_000;

            // No word matches in every document, so this is the slow case: all words, then any word.
            assertThat(hits).isNotEmpty();
            // Timing is for the log only: a shared build machine makes any bound here flaky.
            LOG.info("run {}: {} misspelled words, {} near misses per word and field: {} ms", run, WORDS.size(), VARIANTS, millis);
        }
    }

    @Test
    void moreWordsThanLuceneCanCountAreRefusedAtStartup() {
        assertThatThrownBy(() -> new SearchSettings(1000, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.search.max-words");
        assertThatThrownBy(() -> new SearchSettings(null, 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.search.max-length");
    }

    private static final int VARIANTS = 60;

    /** For each word, many others within two edits of it in every field, so each fuzzy query expands fully. */
    private static dev.marquee.gateway.catalog.Catalog nearMisses() {
        TestCatalog catalog = TestCatalog.catalog().city("manchester-gb", "Manchester", "Europe/London");
        int n = 0;
        for (String word : WORDS) {
            for (String variant : variants(word)) {
                n++;
                catalog.movie("m" + n, variant, variant + " " + variant, variant);
                catalog.cinema("aurora:" + n, "manchester-gb", variant, 53.48, -2.24);
            }
        }
        return catalog.build();
    }

    private static List<String> variants(String word) {
        List<String> variants = new ArrayList<>();
        for (int i = 0; variants.size() < VARIANTS; i++) {
            int at = 1 + i % (word.length() - 1);
            char replacement = (char) ('a' + (i / (word.length() - 1)) % 26);
            variants.add(word.substring(0, at) + replacement + word.substring(at + 1) + "q");
        }
        return variants;
    }
}

package dev.marquee.gateway.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.catalog.Cinemas;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovieSearchTest {
    private final SearchIndex index = SearchIndex.build(Cinemas.standard());

    private SearchResults search(String text) {
        return search(new SearchQuery(text, null, null, null, SearchQuery.DEFAULT_LIMIT));
    }

    private SearchResults search(SearchQuery query) {
        return new MovieSearch(index, Cinemas.NOW, chainId -> dev.marquee.gateway.catalog.browse.Refs.ChainRef.named(chainId, chainId + " cinemas")).search(query);
    }

    private static List<String> titles(SearchResults results) {
        return results.movies().stream().map(SearchResults.MovieMatch::title).toList();
    }

    @Test
    void aMisspelledTitleStillFindsTheMovie() {
        assertThat(titles(search("intersteller"))).first().isEqualTo("Interstellar");
        assertThat(titles(search("paddingtom"))).first().isEqualTo("Paddington 2");
        assertThat(titles(search("dark knigth"))).first().isEqualTo("The Dark Knight");
    }

    @Test
    void theStartOfAWordIsEnough() {
        assertThat(titles(search("inters"))).containsExactly("Interstellar");
    }

    @Test
    void aGenreFindsItsMovies() {
        // Arrival is science fiction too, but has no shows, so nothing to book.
        assertThat(titles(search("science fiction"))).containsExactly("Interstellar");
        assertThat(titles(search("comedy"))).containsExactly("Paddington 2");
    }

    @Test
    void aTitleMatchRanksAboveADescriptionMatch() {
        // "space" is in Interstellar's description; "Paddington" is a title, and "London" in its description.
        assertThat(titles(search("london"))).containsExactly("Paddington 2");
        assertThat(index.find("interstellar space", 10)).first().extracting(SearchIndex.Hit::id).isEqualTo("interstellar-2014");
    }

    @Test
    void aCinemaNameFindsTheMoviesShowingThere() {
        SearchResults results = search("printwork");

        assertThat(titles(results)).containsExactlyInAnyOrder("Interstellar", "The Dark Knight");
        assertThat(results.movies()).allSatisfy(m -> assertThat(m.cinemas())
                .extracting(SearchResults.CinemaDates::name).containsExactly("Regal Printworks"));
    }

    @Test
    void eachMovieListsCinemasWithTheLocalDatesThatHaveSeats() {
        SearchResults.MovieMatch interstellar = search("interstellar").movies().getFirst();

        assertThat(interstellar.cinemas()).extracting(SearchResults.CinemaDates::name)
                .containsExactly("Aurora Deansgate", "Aurora Salford Quays", "Regal Printworks", "Regal Times Square");
        assertThat(interstellar.cinemas().getFirst().dates()).containsExactly(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11));
        assertThat(interstellar.cinemas().getLast().dates()).as("local to New York").containsExactly(LocalDate.of(2026, 3, 10));
    }

    @Test
    void soldOutShowsOfferNoDate() {
        SearchResults.MovieMatch darkKnight = search("dark knight").movies().getFirst();

        assertThat(darkKnight.cinemas().getFirst().dates()).containsExactly(LocalDate.of(2026, 3, 13));
    }

    @Test
    void theCityFilterKeepsOnlyItsCinemas() {
        SearchResults results = search(new SearchQuery("interstellar", "new-york-us", null, null, 20));

        assertThat(results.movies().getFirst().cinemas()).extracting(SearchResults.CinemaDates::name)
                .containsExactly("Regal Times Square");
    }

    @Test
    void theDateFilterKeepsOnlyShowsOnThoseDaysAndDropsMoviesWithNone() {
        SearchResults onTheTwelfth = search(new SearchQuery("interstellar", null, LocalDate.of(2026, 3, 12), LocalDate.of(2026, 3, 12), 20));
        SearchResults onTheFourteenth = search(new SearchQuery("interstellar", null, LocalDate.of(2026, 3, 14), null, 20));

        assertThat(onTheTwelfth.movies().getFirst().cinemas()).extracting(SearchResults.CinemaDates::name)
                .containsExactly("Aurora Salford Quays");
        assertThat(onTheFourteenth.movies()).isEmpty();
    }

    @Test
    void wordsThatMatchNothingFindNothing() {
        assertThat(search("zzzzqqq").movies()).isEmpty();
    }

    @Test
    void shortWordsMustBeExactOrPrefixes() {
        assertThat(SearchIndex.editsFor("up")).isZero();
        assertThat(SearchIndex.editsFor("thor")).isEqualTo(1);
        assertThat(SearchIndex.editsFor("intersteller")).isEqualTo(2);
    }
}

package dev.marquee.gateway.catalog.search;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Cinema;
import dev.marquee.gateway.catalog.Movie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory full-text index of one catalogue's movies (title, description, genres) and cinemas
 * (name). Queries tolerate misspellings: each word matches exactly, as a prefix, or within an edit
 * distance that grows with its length. Immutable once built; a new catalogue gets a new index.
 */
public final class SearchIndex {
    static final String KIND = "kind";
    static final String ID = "id";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String GENRES = "genres";
    static final String CINEMA_NAME = "cinemaName";

    /** Title words say most about what a client looks for; a word somewhere in the synopsis, least. */
    private static final List<Weighted> FIELDS = List.of(
            new Weighted(TITLE, 4f), new Weighted(CINEMA_NAME, 3f), new Weighted(GENRES, 2f), new Weighted(DESCRIPTION, 1f));

    /**
     * Terms a misspelled word may stand for in one field. Lucene counts each as a clause of the query, so
     * this bounds a word's clauses at {@link #MAX_CLAUSES_PER_WORD}.
     */
    private static final int FUZZY_EXPANSIONS = 10;
    /** Per field: the exact term, the prefix, and the fuzzy expansions. */
    static final int MAX_CLAUSES_PER_WORD = FIELDS.size() * (2 + FUZZY_EXPANSIONS);

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    private final Catalog catalog;
    private final IndexSearcher searcher;

    private SearchIndex(Catalog catalog, IndexSearcher searcher) {
        this.catalog = catalog;
        this.searcher = searcher;
    }

    public static SearchIndex build(Catalog catalog) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER))) {
            for (Movie movie : catalog.movies()) {
                writer.addDocument(movieDocument(movie));
            }
            for (Cinema cinema : catalog.cinemas()) {
                writer.addDocument(cinemaDocument(cinema));
            }
            writer.commit();
            return new SearchIndex(catalog, new IndexSearcher(DirectoryReader.open(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException("building the search index of catalogue " + catalog.version(), e);
        }
    }

    private static Document movieDocument(Movie movie) {
        Document doc = new Document();
        doc.add(new StringField(KIND, Hit.Kind.MOVIE.name(), Field.Store.YES));
        doc.add(new StringField(ID, movie.id(), Field.Store.YES));
        doc.add(new TextField(TITLE, movie.title(), Field.Store.NO));
        doc.add(new TextField(DESCRIPTION, movie.description(), Field.Store.NO));
        for (String genre : movie.genres()) {
            doc.add(new TextField(GENRES, genre, Field.Store.NO));
        }
        return doc;
    }

    private static Document cinemaDocument(Cinema cinema) {
        Document doc = new Document();
        doc.add(new StringField(KIND, Hit.Kind.CINEMA.name(), Field.Store.YES));
        doc.add(new StringField(ID, cinema.id(), Field.Store.YES));
        doc.add(new TextField(CINEMA_NAME, cinema.name(), Field.Store.NO));
        return doc;
    }

    /** The catalogue this index was built from: hits are ids in it. */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Movies and cinemas matching the text, best first. Every word must match somewhere; when that finds
     * nothing, documents matching any word are returned instead.
     */
    public List<Hit> find(String text, int max) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        List<Query> wordQueries = rewritten(words);
        List<Hit> all = run(query(wordQueries, Occur.MUST), max);
        return all.isEmpty() && words.size() > 1 ? run(query(wordQueries, Occur.SHOULD), max) : all;
    }

    /**
     * Each word's query with its near misses expanded to terms. Building the automata of a fuzzy query is
     * most of a search's work; expanding once lets the any-word fallback reuse them.
     */
    private List<Query> rewritten(List<String> words) {
        try {
            List<Query> queries = new ArrayList<>(words.size());
            for (String word : words) {
                queries.add(searcher.rewrite(wordQuery(word)));
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException("searching catalogue " + catalog.version(), e);
        }
    }

    private List<Hit> run(Query query, int max) {
        try {
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc scoreDoc : searcher.search(query, max).scoreDocs) {
                Document doc = stored.document(scoreDoc.doc);
                hits.add(new Hit(Hit.Kind.valueOf(doc.get(KIND)), doc.get(ID), scoreDoc.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching catalogue " + catalog.version(), e);
        }
    }

    private static Query query(List<Query> wordQueries, Occur occur) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Query word : wordQueries) {
            all.add(word, occur);
        }
        return all.build();
    }

    /** One word in any field: an exact match scores above a prefix or a near miss. */
    private static Query wordQuery(String word) {
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        int edits = editsFor(word);
        for (Weighted field : FIELDS) {
            Term term = new Term(field.name(), word);
            anyField.add(new BoostQuery(new TermQuery(term), field.weight() * 2), Occur.SHOULD);
            if (word.length() >= 2) {
                anyField.add(new BoostQuery(new PrefixQuery(term), field.weight()), Occur.SHOULD);
            }
            if (edits > 0) {
                Query nearMiss = new FuzzyQuery(term, edits, 0, FUZZY_EXPANSIONS, FuzzyQuery.defaultTranspositions);
                anyField.add(new BoostQuery(nearMiss, field.weight()), Occur.SHOULD);
            }
        }
        return anyField.build();
    }

    /** Short words are matched strictly, or "cat" would find every "car" and "hat". */
    static int editsFor(String word) {
        int length = word.codePointCount(0, word.length());
        if (length <= 3) {
            return 0;
        }
        return length <= 6 ? 1 : 2;
    }

    /** The words of a query as the index holds them; stop words are dropped unless that leaves nothing. */
    static List<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream stream = ANALYZER.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> meaningful = words.stream().filter(w -> !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w)).toList();
        return meaningful.isEmpty() ? List.copyOf(words) : meaningful;
    }

    /**
     * A movie or cinema that matched.
     *
     * @param score Lucene's relevance, only comparable within one search
     */
    public record Hit(Kind kind, String id, float score) {
        public enum Kind { MOVIE, CINEMA }
    }

    private record Weighted(String name, float weight) {
    }
}

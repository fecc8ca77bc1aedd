package dev.marquee.gateway.catalog;

import dev.marquee.spi.ShowStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * One catalogue the read API tests share: Manchester with three cinemas of two chains, New York with
 * one, Leeds with none. "Now" is Tuesday 2026-03-10 12:00 UTC (London is on UTC then, New York on UTC-4).
 */
public final class Cinemas {
    public static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    /** Close to Aurora Deansgate, farther from Regal Printworks, farthest from Aurora Salford Quays. */
    public static final double NEAR_DEANSGATE_LAT = 53.4790;
    public static final double NEAR_DEANSGATE_LON = -2.2460;

    private Cinemas() {
    }

    public static Catalog standard() {
        return standardCatalog().build();
    }

    /** The standard catalogue, for a test that adds shows of its own. */
    public static TestCatalog standardCatalog() {
        return TestCatalog.catalog()
                .city("manchester-gb", "Manchester", "Europe/London")
                .city("new-york-us", "New York", "America/New_York")
                .city("leeds-gb", "Leeds", "Europe/London")
                .cinema("aurora:1", "manchester-gb", "Aurora Deansgate", 53.4794, -2.2453)
                .cinema("aurora:2", "manchester-gb", "Aurora Salford Quays", 53.4713, -2.2970)
                .cinema("regal:7", "manchester-gb", "Regal Printworks", 53.4850, -2.2400)
                .cinema("regal:9", "new-york-us", "Regal Times Square", 40.7570, -73.9870)
                .movie("interstellar-2014", "Interstellar", "Explorers travel through a wormhole in space.", "Science Fiction", "Drama")
                .movie("the-dark-knight-2008", "The Dark Knight", "Batman faces the Joker in Gotham.", "Action", "Crime")
                .movie("paddington-2-2017", "Paddington 2", "A bear in London looks for a present.", "Family", "Comedy")
                .movie("arrival-2016", "Arrival", "A linguist meets visitors from space.", "Science Fiction")
                // Interstellar: today and tomorrow in Manchester, one started already, one cancelled.
                .show("aurora:101", "interstellar-2014", "aurora:1", at("2026-03-10T19:00:00Z"))
                .show("aurora:102", "interstellar-2014", "aurora:1", at("2026-03-11T19:00:00Z"))
                .show("aurora:103", "interstellar-2014", "aurora:1", at("2026-03-10T11:00:00Z"))
                .show("aurora:104", "interstellar-2014", "aurora:1", at("2026-03-10T21:00:00Z"), ShowStatus.CANCELLED, 6)
                .show("regal:701", "interstellar-2014", "regal:7", at("2026-03-10T20:00:00Z"))
                .show("aurora:201", "interstellar-2014", "aurora:2", at("2026-03-12T18:00:00Z"))
                // New York: 02:00 UTC on the 11th is 22:00 on the 10th locally.
                .show("regal:901", "interstellar-2014", "regal:9", at("2026-03-11T02:00:00Z"))
                // The Dark Knight only at Regal Printworks, sold out today, seats on the 13th.
                .show("regal:702", "the-dark-knight-2008", "regal:7", at("2026-03-10T18:00:00Z"), ShowStatus.SCHEDULED, 0)
                .show("regal:703", "the-dark-knight-2008", "regal:7", at("2026-03-13T18:00:00Z"))
                // Paddington 2 at Aurora Salford Quays, and far ahead (outside a cinema's 14-day listing).
                .show("aurora:202", "paddington-2-2017", "aurora:2", at("2026-03-10T15:00:00Z"))
                .show("aurora:203", "paddington-2-2017", "aurora:2", NOW.plus(Duration.ofDays(20)));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}

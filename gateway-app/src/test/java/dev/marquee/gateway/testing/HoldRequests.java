package dev.marquee.gateway.testing;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Show;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Test data for hold requests: JSON bodies and shows still open for booking. */
public final class HoldRequests {
    private HoldRequests() {
    }

    /** The body of {@code POST /api/v1/holds}. */
    public static String body(String showId, List<String> seatIds, String email) {
        return "{\"showId\":\"" + showId + "\",\"seatIds\":[" + seatIds.stream().map(s -> "\"" + s + "\"")
                .collect(Collectors.joining(",")) + "],\"email\":\"" + email + "\"}";
    }

    /** Every show of the catalogue still on sale some time from now, so tests can each take their own. */
    public static List<Show> showsOnSale(Catalog catalog, Duration stillOnSaleIn) {
        Instant later = Instant.now().plus(stillOnSaleIn);
        return catalog.cinemas().stream().flatMap(c -> catalog.showsAt(c.id()).stream()).filter(s -> s.isOnSale(later)).toList();
    }
}

package dev.marquee.gateway.seating;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Hall;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.web.NotFoundException;
import dev.marquee.gateway.web.ServiceUnavailableException;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreUnavailableException;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seat maps: the hall layout from the catalogue with seat states read live from the show's chain,
 * cached briefly, and served stale with their age when the chain is down.
 */
@Singleton
public class SeatMapService {
    private static final Logger LOG = LoggerFactory.getLogger(SeatMapService.class);

    private final CatalogHolder catalogs;
    private final ChainRegistry chains;
    private final Clock clock;
    private final SeatingConfiguration configuration;
    private final SeatAvailabilityCache cache;
    private final List<GatewayHolds> gatewayHolds;

    public SeatMapService(CatalogHolder catalogs, ChainRegistry chains, Clock clock, SeatingConfiguration configuration,
            List<GatewayHolds> gatewayHolds) {
        this.gatewayHolds = gatewayHolds;
        this.catalogs = catalogs;
        this.chains = chains;
        this.clock = clock;
        this.configuration = configuration;
        this.cache = new SeatAvailabilityCache(clock, configuration.lastAnswersOrDefault());
    }

    public SeatMap seatMap(String showId) {
        var catalog = catalogs.current();
        Show show = catalog.show(showId).orElseThrow(() -> new NotFoundException("show", showId));
        Hall hall = catalog.hall(show.hallId()).orElseThrow(() -> new NotFoundException("hall", show.hallId()));
        Chain chain = chains.chain(show.chainId()).orElse(null);
        SeatAvailabilityCache.Answer answer;
        try {
            answer = cache.get(showId, chain == null ? Duration.ZERO : chain.configuration().seatMapFreshness(),
                    () -> read(chain, show));
        } catch (TheatreException e) {
            LOG.warn("Seat map of show {} unavailable: {}", showId, e.getMessage());
            throw new ServiceUnavailableException("The seats of show " + showId + " cannot be read now: theatre chain '"
                    + e.chainId() + "' does not answer", configuration.retryAfterOrDefault(), e);
        }
        if (answer.stale()) {
            LOG.debug("Serving the last seat states of show {} read at {}", showId, answer.availability().readAt());
        }
        return SeatMap.of(show, hall, withGatewayHolds(showId, answer.availability()), clock.instant(), answer.stale());
    }

    /** Seats held through the gateway since the chain answered read HELD; seats sold stay SOLD. */
    private SeatAvailability withGatewayHolds(String showId, SeatAvailability fromChain) {
        Set<String> held = new HashSet<>(fromChain.heldSeats());
        for (GatewayHolds source : gatewayHolds) {
            held.addAll(source.heldSeats(showId));
        }
        held.removeAll(fromChain.soldSeats());
        return held.size() == fromChain.heldSeats().size() ? fromChain
                : new SeatAvailability(fromChain.showRef(), held, fromChain.soldSeats(), fromChain.readAt());
    }

    /** Drops a show's fresh seat states, for instance after seats were locked, so the next map asks the chain. */
    public void forget(String showId) {
        cache.forget(showId);
    }

    private static SeatAvailability read(Chain chain, Show show) {
        if (chain == null) {
            throw new TheatreUnavailableException(show.chainId(), "the chain is not configured in this gateway", null);
        }
        return chain.theatre().readSeats(show.ref());
    }
}

package dev.marquee.gateway.booking;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Hall;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.seating.SeatMapService;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.Money;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreUnavailableException;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds seats: checks the request, locks the seats at their chain (all or none, the chain decides who
 * was first), and remembers the hold until it is released or expires. The gateway's hold always ends
 * before the chain's lock, so it never promises a seat the chain has let go.
 */
@Singleton
public class HoldService {
    private static final Logger LOG = LoggerFactory.getLogger(HoldService.class);

    private final CatalogHolder catalogs;
    private final ChainRegistry chains;
    private final HoldRepository holds;
    private final HoldSettings settings;
    private final SeatMapService seatMaps;
    private final ApplicationEventPublisher<SeatsFreed> freed;
    private final Clock clock;

    public HoldService(CatalogHolder catalogs, ChainRegistry chains, HoldRepository holds, HoldSettings settings,
            SeatMapService seatMaps, ApplicationEventPublisher<SeatsFreed> freed, Clock clock) {
        this.catalogs = catalogs;
        this.chains = chains;
        this.holds = holds;
        this.settings = settings;
        this.seatMaps = seatMaps;
        this.freed = freed;
        this.clock = clock;
    }

    /**
     * Places a hold with the given id (the id is also the lock's reference at the chain, so a retry with
     * the same id gets the same lock back).
     *
     * @throws TheatreException when the chain fails; nothing is held then
     */
    public HoldOutcome place(String holdId, HoldRequest request) {
        List<HoldOutcome.FieldProblem> problems = checkFields(request);
        if (!problems.isEmpty()) {
            return new HoldOutcome.Invalid(problems);
        }
        Catalog catalog = catalogs.current();
        Optional<Show> found = catalog.show(request.showId());
        if (found.isEmpty()) {
            return new HoldOutcome.UnknownShow(request.showId());
        }
        Show show = found.get();
        Instant now = clock.instant();
        if (!show.isOnSale(now)) {
            return new HoldOutcome.NotBookable("show " + show.id() + " is " + (show.status().name().equals("CANCELLED")
                    ? "cancelled" : "no longer on sale: it started at " + show.startsAt()));
        }
        Hall hall = catalog.hall(show.hallId()).orElseThrow(() -> new IllegalStateException("no hall " + show.hallId()));
        Map<String, Seat> seatsOfHall = hall.layout().seats().stream().collect(Collectors.toMap(Seat::ref, Function.identity()));
        List<String> unknown = request.seatIds().stream().filter(id -> !seatsOfHall.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            return new HoldOutcome.Invalid(List.of(new HoldOutcome.FieldProblem("seatIds",
                    "not seats of this show's hall: " + unknown)));
        }
        List<HeldSeat> seats = new ArrayList<>();
        for (String seatId : request.seatIds()) {
            Seat seat = seatsOfHall.get(seatId);
            Optional<Money> price = show.priceOf(seat.category());
            if (price.isEmpty()) {
                return new HoldOutcome.NotBookable("seat " + seatId + " (" + seat.category() + ") has no price at this show");
            }
            seats.add(new HeldSeat(seatId, seat.row(), seat.number(), seat.category(), price.get()));
        }
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        // Checked here to spare the chain a lock bound to fail, and again when the hold is recorded.
        if (holds.seatsHeldBy(email, show.id(), now) + seats.size() > settings.maxSeatsPerEmail()) {
            return emailLimitReached(email, show.id(), now);
        }
        return lockAtChain(holdId, show, seats, email, now);
    }

    private HoldOutcome emailLimitReached(String email, String showId, Instant now) {
        return new HoldOutcome.LimitReached("email", "holds " + holds.seatsHeldBy(email, showId, now)
                + " seats of this show already; at most " + settings.maxSeatsPerEmail() + " seats per email and show");
    }

    private HoldOutcome lockAtChain(String holdId, Show show, List<HeldSeat> seats, String email, Instant now) {
        Chain chain = chains.chain(show.chainId())
                .orElseThrow(() -> new TheatreUnavailableException(show.chainId(), "chain is not configured", null));
        List<String> seatIds = seats.stream().map(HeldSeat::seatId).toList();
        LockOutcome outcome = chain.theatre().lockSeats(new SeatLockRequest(show.ref(), seatIds,
                settings.ttl().plus(settings.chainMargin()), holdId));
        return switch (outcome) {
            case LockOutcome.SeatsTaken taken -> {
                seatMaps.forget(show.id());
                yield new HoldOutcome.SeatsTaken(taken.seatRefs());
            }
            case LockOutcome.Refused refused -> new HoldOutcome.NotBookable(refused.reason());
            case LockOutcome.Locked locked -> remember(chain, holdId, show, seats, email, now, locked);
        };
    }

    private HoldOutcome remember(Chain chain, String holdId, Show show, List<HeldSeat> seats, String email, Instant now,
            LockOutcome.Locked locked) {
        Instant byTtl = now.plus(settings.ttl());
        Instant byChain = locked.expiresAt().minus(settings.chainMargin());
        Instant expiresAt = byTtl.isBefore(byChain) ? byTtl : byChain;
        if (!expiresAt.isAfter(now)) {
            releaseQuietly(chain, locked.lockRef());
            return new HoldOutcome.NotBookable("the chain locked the seats only until " + locked.expiresAt());
        }
        Hold hold = new Hold(holdId, show.id(), chain.id(), email, seats, HoldStatus.HELD, locked.lockRef(), now, expiresAt,
                locked.expiresAt());
        String token = HoldTokens.newToken();
        boolean recorded;
        try {
            recorded = holds.insertWithin(hold, HoldTokens.hash(token), settings.maxSeatsPerEmail(), now);
        } catch (RuntimeException e) {
            // Nothing may stay locked at the chain for a hold the gateway does not know.
            releaseQuietly(chain, locked.lockRef());
            throw e;
        }
        if (!recorded) {
            // Another hold of this email, placed at the same moment, took the rest of its limit.
            releaseQuietly(chain, locked.lockRef());
            seatMaps.forget(show.id());
            return emailLimitReached(email, show.id(), now);
        }
        seatMaps.forget(show.id());
        LOG.debug("Hold {} placed on {} seats of show {} until {}", holdId, seats.size(), show.id(), expiresAt);
        return new HoldOutcome.Placed(hold, token);
    }

    /** The hold, if it exists and the token is its own; anything else looks the same as no hold. */
    public Optional<Hold> find(String holdId, String token) {
        return holds.find(holdId).filter(stored -> HoldTokens.matches(token, stored.tokenHash()))
                .map(stored -> asSeenAt(stored.hold(), clock.instant()));
    }

    /**
     * Releases a hold at its holder's request.
     *
     * @return the hold as it is afterwards, or empty when there is no such hold for this token
     */
    public Optional<Hold> release(String holdId, String token) {
        Optional<Hold> hold = find(holdId, token);
        hold.filter(h -> h.status() == HoldStatus.HELD).ifPresent(h -> end(h, HoldStatus.RELEASED));
        return hold.flatMap(h -> find(holdId, token));
    }

    /** Ends a hold whose booking will not be delivered (its payment given back), so its seats are free at once. */
    public void releaseUndelivered(String holdId) {
        holds.find(holdId).map(HoldRepository.StoredHold::hold).filter(h -> h.status() == HoldStatus.HELD)
                .ifPresent(h -> end(h, HoldStatus.RELEASED));
    }

    /** Expires every hold past its time; safe to run on several gateway instances at once. */
    public int expireDue() {
        int expired = 0;
        for (String holdId : holds.due(clock.instant(), 200)) {
            Optional<Hold> hold = holds.find(holdId).map(HoldRepository.StoredHold::hold);
            if (hold.isPresent() && end(hold.get(), HoldStatus.EXPIRED)) {
                expired++;
            }
        }
        return expired;
    }

    private boolean end(Hold hold, HoldStatus ending) {
        if (!holds.end(hold.id(), ending, clock.instant())) {
            return false;
        }
        chains.chain(hold.chainId()).ifPresent(chain -> releaseQuietly(chain, hold.lockRef()));
        seatMaps.forget(hold.showId());
        LOG.debug("Hold {} {} ({} seats of show {})", hold.id(), ending.name().toLowerCase(Locale.ROOT),
                hold.seats().size(), hold.showId());
        freed.publishEvent(new SeatsFreed(hold.showId(), hold.seatIds(), hold.id()));
        return true;
    }

    /** A chain that cannot be told now drops the lock itself: its lock outlives the hold by the margin. */
    private static void releaseQuietly(Chain chain, String lockRef) {
        try {
            chain.theatre().releaseLock(lockRef);
        } catch (RuntimeException e) {
            LOG.warn("Could not release lock {} at chain {}; it expires there on its own: {}", lockRef, chain.id(), e.toString());
        }
    }

    /** A hold past its expiry reads as expired even before the sweeper has ended it. */
    private static Hold asSeenAt(Hold hold, Instant now) {
        return hold.status() == HoldStatus.HELD && !now.isBefore(hold.expiresAt()) ? hold.withStatus(HoldStatus.EXPIRED) : hold;
    }

    private List<HoldOutcome.FieldProblem> checkFields(HoldRequest request) {
        List<HoldOutcome.FieldProblem> problems = new ArrayList<>();
        if (request.showId() == null || request.showId().isBlank()) {
            problems.add(new HoldOutcome.FieldProblem("showId", "is required"));
        }
        List<String> seatIds = request.seatIds();
        if (seatIds == null || seatIds.isEmpty()) {
            problems.add(new HoldOutcome.FieldProblem("seatIds", "must name at least one seat"));
        } else {
            Set<String> seen = new HashSet<>();
            Set<String> duplicates = new LinkedHashSet<>();
            for (String id : seatIds) {
                if (id == null || id.isBlank()) {
                    problems.add(new HoldOutcome.FieldProblem("seatIds", "must not contain empty seat ids"));
                    break;
                }
                if (!seen.add(id)) {
                    duplicates.add(id);
                }
            }
            if (!duplicates.isEmpty()) {
                problems.add(new HoldOutcome.FieldProblem("seatIds", "names seats more than once: " + duplicates));
            }
            if (seatIds.size() > settings.maxSeatsPerHold()) {
                problems.add(new HoldOutcome.FieldProblem("seatIds",
                        "at most " + settings.maxSeatsPerHold() + " seats per hold, got " + seatIds.size()));
            }
        }
        if (!EmailAddresses.isValid(request.email())) {
            problems.add(new HoldOutcome.FieldProblem("email", "must be an email address"));
        }
        return problems;
    }
}

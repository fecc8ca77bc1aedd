package dev.marquee.booking.holds;

import dev.marquee.booking.chains.Chains;
import dev.marquee.booking.chains.LockReleases;
import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.SeatWatch;
import dev.marquee.booking.shows.SeatsFreed;
import dev.marquee.booking.shows.Shows;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.Money;
import dev.marquee.spi.Seat;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds seats: checks the request, locks the seats at their chain (all or none, the chain decides who
 * was first), and remembers the hold until it is released or expires. The gateway's hold always ends
 * before the chain's lock, so it never promises a seat the chain has let go.
 */
public class Holds {
    private static final System.Logger LOG = System.getLogger(Holds.class.getName());

    private final Shows shows;
    private final Chains chains;
    private final HoldStore store;
    private final HoldRules rules;
    private final SeatWatch watch;
    private final Secrets secrets;
    private final Transactions transactions;
    private final Clock clock;
    private final RecentHolders recentHolders = new RecentHolders();

    public Holds(Shows shows, Chains chains, HoldStore store, HoldRules rules, SeatWatch watch, Secrets secrets,
            Transactions transactions, Clock clock) {
        this.shows = shows;
        this.chains = chains;
        this.store = store;
        this.rules = rules;
        this.watch = watch;
        this.secrets = secrets;
        this.transactions = transactions;
        this.clock = clock;
    }

    public HoldRules rules() {
        return rules;
    }

    /** A new hold id, for a caller that must know it before placing (the idempotency key's resource). */
    public String newHoldId() {
        return secrets.newId("hld");
    }

    /**
     * Places a hold with the given id (the id is also the lock's reference at the chain, so a retry with
     * the same id gets the same lock back).
     *
     * @throws TheatreException when the chain fails; nothing is held then
     */
    public HoldOutcome place(String holdId, HoldRequest request) {
        return place(holdId, request, HoldReceipt.NONE);
    }

    /**
     * As {@link #place(String, HoldRequest)}, with {@code receipt} told of a new hold inside the transaction that records
     * it. A hold placed before under this id (its answer lost) is answered again without it.
     */
    public HoldOutcome place(String holdId, HoldRequest request, HoldReceipt receipt) {
        return place(holdId, request, true, receipt);
    }

    /**
     * As {@link #place(String, HoldRequest, HoldReceipt)}, for a hold id that nothing was placed under yet (one made for a
     * freshly claimed idempotency key), so the look-up for an earlier hold under it is skipped.
     */
    public HoldOutcome placeNew(String holdId, HoldRequest request, HoldReceipt receipt) {
        return place(holdId, request, false, receipt);
    }

    private HoldOutcome place(String holdId, HoldRequest request, boolean mayExist, HoldReceipt receipt) {
        List<HoldOutcome.FieldProblem> problems = checkFields(request);
        if (!problems.isEmpty()) {
            return new HoldOutcome.Invalid(problems);
        }
        Optional<BookableShow> found = shows.show(request.showId());
        if (found.isEmpty()) {
            return new HoldOutcome.UnknownShow(request.showId());
        }
        Instant now = clock.instant();
        Optional<HoldStore.StoredHold> earlier = mayExist ? store.find(holdId) : Optional.empty();
        if (earlier.isPresent()) {
            return placedBefore(earlier.get(), now);
        }
        BookableShow show = found.get();
        if (!show.isOnSale(now)) {
            return new HoldOutcome.NotBookable(show.whyNotOnSale());
        }
        Map<String, Seat> seatsOfHall = seatsOf(show, request.seatIds());
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
        // Checked here to spare the chain a lock bound to fail, and again when the hold is recorded. Only an email known
        // to hold seats of the show is counted now: for anyone else the request's own seats are all there is to count.
        if (seats.size() > rules.maxSeatsPerEmail() || recentHolders.mayHold(email, show.id(), now)
                && store.seatsHeldBy(email, show.id(), now) + seats.size() > rules.maxSeatsPerEmail()) {
            return emailLimitReached(email, show.id(), now);
        }
        return lockAtChain(holdId, show, seats, email, now, receipt);
    }

    /** The requested seats found in the show's hall, by id: one pass over the hall, with no map of all its seats. */
    private static Map<String, Seat> seatsOf(BookableShow show, List<String> seatIds) {
        Set<String> wanted = Set.copyOf(seatIds);
        Map<String, Seat> found = new HashMap<>();
        for (Seat seat : show.seats()) {
            if (wanted.contains(seat.ref())) {
                found.put(seat.ref(), seat);
            }
        }
        return found;
    }

    /**
     * A retry of a request whose hold was recorded but whose answer was lost (its instance died, or the store failed
     * after recording). The chain's lock is that hold's (the hold id is its reference), so it is neither taken again
     * nor released. Its token went out only with the lost answer and only its hash is kept, so a hold still held gets
     * a new token, which makes the old one (never delivered) worthless.
     */
    private HoldOutcome placedBefore(HoldStore.StoredHold earlier, Instant now) {
        Hold hold = earlier.hold();
        if (!hold.isActiveAt(now)) {
            return new HoldOutcome.AlreadyPlaced(asSeenAt(hold, now));
        }
        String token = secrets.newToken();
        if (!store.replaceToken(hold.id(), earlier.tokenHash(), Tokens.hash(token), now)) {
            // Ended meanwhile, or another retry gave it a token first.
            return new HoldOutcome.AlreadyPlaced(asSeenAt(store.find(hold.id()).map(HoldStore.StoredHold::hold).orElse(hold), now));
        }
        LOG.log(System.Logger.Level.INFO, "Hold {0} was placed before its answer was lost; it is answered again with a new token",
                hold.id());
        return new HoldOutcome.Placed(hold, token);
    }

    private HoldOutcome emailLimitReached(String email, String showId, Instant now) {
        return new HoldOutcome.LimitReached("email", "holds " + store.seatsHeldBy(email, showId, now)
                + " seats of this show already; at most " + rules.maxSeatsPerEmail() + " seats per email and show");
    }

    private HoldOutcome lockAtChain(String holdId, BookableShow show, List<HeldSeat> seats, String email, Instant now,
            HoldReceipt receipt) {
        TheatreAdapter theatre = chains.require(show.chainId());
        List<String> seatIds = seats.stream().map(HeldSeat::seatId).toList();
        LockOutcome outcome = theatre.lockSeats(new SeatLockRequest(show.ref(), seatIds,
                rules.ttl().plus(rules.chainMargin()), holdId));
        return switch (outcome) {
            // Nothing changed through the gateway, so no seat map is told: what the chain knows and a map does not (a
            // lock from its box office) shows when the chain's answer is read again, within its freshness. Telling every
            // instance of every refused attempt cost a notice each, hundreds a second on a hot show.
            case LockOutcome.SeatsTaken taken -> new HoldOutcome.SeatsTaken(taken.seatRefs());
            case LockOutcome.Refused refused -> new HoldOutcome.NotBookable(refused.reason());
            case LockOutcome.Locked locked -> remember(theatre, holdId, show, seats, email, now, locked, receipt);
        };
    }

    private HoldOutcome remember(TheatreAdapter theatre, String holdId, BookableShow show, List<HeldSeat> seats, String email,
            Instant now, LockOutcome.Locked locked, HoldReceipt receipt) {
        Instant byTtl = now.plus(rules.ttl());
        Instant byChain = locked.expiresAt().minus(rules.chainMargin());
        Instant expiresAt = byTtl.isBefore(byChain) ? byTtl : byChain;
        if (!expiresAt.isAfter(now)) {
            giveBack(theatre, show.chainId(), holdId, locked.lockRef(), receipt);
            return new HoldOutcome.NotBookable("the chain locked the seats only until " + locked.expiresAt());
        }
        Hold hold = new Hold(holdId, show.id(), show.chainId(), email, seats, HoldStatus.HELD, locked.lockRef(), now, expiresAt,
                locked.expiresAt());
        String token = secrets.newToken();
        boolean recorded;
        // Told inside the hold's transaction, so that the notice to other instances commits with the hold.
        SeatWatch.SeatChange[] change = {null};
        try {
            recorded = transactions.atomically(() -> {
                if (!store.recordWithin(hold, Tokens.hash(token), rules.maxSeatsPerEmail(), now)) {
                    return false;
                }
                receipt.recorded(hold, token);
                change[0] = watch.changing(show.id());
                return true;
            });
        } catch (RuntimeException e) {
            if (change[0] != null) {
                change[0].abandoned();
            }
            // Nothing may stay locked at the chain for a hold the gateway does not know. A hold recorded under this id
            // with this very lock (by a repeat of the request running at the same time) keeps it.
            Optional<Hold> underThisId = store.find(holdId).map(HoldStore.StoredHold::hold);
            boolean sameLock = underThisId.filter(h -> h.lockRef().equals(locked.lockRef())).isPresent();
            if (!sameLock) {
                giveBack(theatre, show.chainId(), holdId, locked.lockRef(), receipt);
                if (underThisId.isPresent()) {
                    // A hold placed under this id long ago, by the same request with the same key, whose key was forgotten.
                    return new HoldOutcome.AlreadyPlaced(asSeenAt(underThisId.get(), now));
                }
            }
            throw new HoldNotRecordedException(holdId, e);
        }
        // Recorded, or refused because the email holds seats of the show already: either way it is counted before its
        // next lock here, so that an attempt past its limit does not lock seats it cannot have.
        recentHolders.recorded(email, show.id(), expiresAt, now);
        if (!recorded) {
            // Holds of this email (placed at the same moment, or through another instance) took the rest of its limit.
            // The lock is given back; nothing changed through the gateway, so no seat map is told.
            giveBack(theatre, show.chainId(), holdId, locked.lockRef(), receipt);
            return emailLimitReached(email, show.id(), now);
        }
        change[0].committed();
        LOG.log(System.Logger.Level.DEBUG, "Hold {0} placed on {1} seats of show {2} until {3}", holdId, seats.size(), show.id(),
                expiresAt);
        return new HoldOutcome.Placed(hold, token);
    }

    /**
     * Gives back the chain's lock of a hold that was not recorded, unless the receipt keeps it: a repeat of the request,
     * running at the same moment under the same hold id, got the same lock from the chain and recorded it.
     */
    private static void giveBack(TheatreAdapter theatre, String chainId, String holdId, String lockRef, HoldReceipt receipt) {
        if (receipt.mayGiveBack(holdId)) {
            LockReleases.releaseQuietly(theatre, chainId, lockRef);
        }
    }

    /** The hold, if it exists and the token is its own; anything else looks the same as no hold. */
    public Optional<Hold> find(String holdId, String token) {
        return store.find(holdId).filter(stored -> Tokens.matches(token, stored.tokenHash()))
                .map(stored -> asSeenAt(stored.hold(), clock.instant()));
    }

    /** The hold with its token hash, if the token is its own. */
    public Optional<HoldStore.StoredHold> findStored(String holdId, String token) {
        return store.find(holdId).filter(stored -> Tokens.matches(token, stored.tokenHash()));
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
        store.find(holdId).map(HoldStore.StoredHold::hold).filter(h -> h.status() == HoldStatus.HELD)
                .ifPresent(h -> end(h, HoldStatus.RELEASED));
    }

    /** Expires every hold past its time; safe to run on several gateway instances at once. */
    public int expireDue() {
        int expired = 0;
        for (String holdId : store.due(clock.instant(), 200)) {
            Optional<Hold> hold = store.find(holdId).map(HoldStore.StoredHold::hold);
            if (hold.isPresent() && end(hold.get(), HoldStatus.EXPIRED)) {
                expired++;
            }
        }
        return expired;
    }

    private boolean end(Hold hold, HoldStatus ending) {
        if (!store.end(hold.id(), ending, clock.instant())) {
            return false;
        }
        Optional<ReleaseOutcome> released = chains.theatre(hold.chainId())
                .flatMap(theatre -> LockReleases.releaseQuietly(theatre, hold.chainId(), hold.lockRef()));
        watch.seatsChanged(hold.showId());
        LOG.log(System.Logger.Level.DEBUG, "Hold {0} {1} ({2} seats of show {3})", hold.id(),
                ending.name().toLowerCase(Locale.ROOT), hold.seats().size(), hold.showId());
        if (released.filter(ReleaseOutcome.AlreadyConfirmed.class::isInstance).isPresent()) {
            // Its payment was confirmed at the chain as the hold ended: the seats are sold, not free for the waitlist.
            return true;
        }
        watch.seatsFreed(new SeatsFreed(hold.showId(), hold.seatIds(), hold.id()));
        return true;
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
            if (seatIds.size() > rules.maxSeatsPerHold()) {
                problems.add(new HoldOutcome.FieldProblem("seatIds",
                        "at most " + rules.maxSeatsPerHold() + " seats per hold, got " + seatIds.size()));
            }
        }
        if (!EmailAddresses.isValid(request.email())) {
            problems.add(new HoldOutcome.FieldProblem("email", "must be an email address"));
        }
        return problems;
    }
}

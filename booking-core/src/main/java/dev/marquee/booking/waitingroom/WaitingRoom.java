package dev.marquee.booking.waitingroom;

import dev.marquee.booking.holds.EmailAddresses;
import dev.marquee.booking.shows.BookableShow;
import dev.marquee.booking.shows.Shows;
import dev.marquee.booking.support.Transactions;
import dev.marquee.booking.tokens.Secrets;
import dev.marquee.booking.tokens.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fair virtual waiting room in front of hot shows. A show in queue mode (by itself, or as one of a movie's shows
 * in an on-sale) takes holds only from people it admitted; everyone else joins its queue and is admitted at the
 * mode's rate, strictly in the order the shared store numbered them. Admitters run on every instance: each round
 * locks the show's gate, works out from the rate and the time since the admissions were last accounted how many may
 * be admitted, admits the next so many and records the new accounting, so instances together admit at the rate.
 */
public class WaitingRoom {
    private static final System.Logger LOG = System.getLogger(WaitingRoom.class.getName());

    private final WaitingRoomStore store;
    private final Transactions transactions;
    private final Shows shows;
    private final Movies movies;
    private final Secrets secrets;
    private final WaitingRoomRules rules;
    private final Clock clock;
    private final SurgeWatch surges;
    private volatile ModeSnapshot modes;
    private final ConcurrentHashMap<String, WaitingOrder> orders = new ConcurrentHashMap<>();

    public WaitingRoom(WaitingRoomStore store, Transactions transactions, Shows shows, Movies movies, Secrets secrets,
            WaitingRoomRules rules, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.shows = shows;
        this.movies = movies;
        this.secrets = secrets;
        this.rules = rules;
        this.clock = clock;
        this.surges = new SurgeWatch(store, rules, clock, this::surged);
    }

    public WaitingRoomRules rules() {
        return rules;
    }

    // Queue modes, set by operators (and by surges).

    /**
     * Puts a show or an on-sale in queue mode, or changes its rate and validity; people already queueing keep their
     * places.
     */
    public ModeChange putInQueueMode(QueueScope scope, Integer admissionsPerMinute, Integer admissionValiditySeconds) {
        if (admissionsPerMinute == null || admissionsPerMinute < 1 || admissionsPerMinute > rules.maxAdmissionsPerMinute()) {
            return new ModeChange.Invalid("admissionsPerMinute", "must be a whole number from 1 to " + rules.maxAdmissionsPerMinute());
        }
        long min = rules.minAdmissionValidity().toSeconds();
        long max = rules.maxAdmissionValidity().toSeconds();
        if (admissionValiditySeconds == null || admissionValiditySeconds < min || admissionValiditySeconds > max) {
            return new ModeChange.Invalid("admissionValiditySeconds", "must be a whole number from " + min + " to " + max);
        }
        if (!exists(scope)) {
            return new ModeChange.UnknownScope(scope);
        }
        QueueMode mode = new QueueMode(scope, admissionsPerMinute, Duration.ofSeconds(admissionValiditySeconds), false, clock.instant(),
                null);
        store.putMode(mode);
        modes = null;
        LOG.log(System.Logger.Level.INFO, "Queue mode on for {0} {1}: {2} admissions a minute, each valid {3}",
                scope.kind().name().toLowerCase(Locale.ROOT), scope.id(), admissionsPerMinute, mode.admissionValidity());
        return new ModeChange.Set(mode);
    }

    /** Takes a show or an on-sale out of queue mode: holds on it need no admission any more. */
    public boolean endQueueMode(QueueScope scope) {
        boolean ended = store.removeMode(scope);
        modes = null;
        if (ended) {
            LOG.log(System.Logger.Level.INFO, "Queue mode off for {0} {1}", scope.kind().name().toLowerCase(Locale.ROOT), scope.id());
        }
        return ended;
    }

    /** Every scope in queue mode now. */
    public List<QueueMode> modes() {
        Instant now = clock.instant();
        return store.modes().stream().filter(m -> m.activeAt(now)).toList();
    }

    /** The queue mode a show is in: its own, else its movie's on-sale. Read from a copy at most {@code modeRefresh} old. */
    public Optional<QueueMode> modeOf(String showId) {
        Instant now = clock.instant();
        ModeSnapshot snapshot = currentModes(now);
        Optional<QueueMode> own = snapshot.find(QueueScope.show(showId), now);
        if (own.isPresent() || !snapshot.anyMovie()) {
            return own;
        }
        return movies.movieOf(showId).flatMap(movieId -> snapshot.find(QueueScope.movie(movieId), now));
    }

    private ModeSnapshot currentModes(Instant now) {
        ModeSnapshot snapshot = modes;
        if (snapshot == null || !now.isBefore(snapshot.readAt().plus(rules.modeRefresh()))) {
            snapshot = ModeSnapshot.of(store.modes(), now);
            modes = snapshot;
        }
        return snapshot;
    }

    private boolean exists(QueueScope scope) {
        return switch (scope.kind()) {
            case SHOW -> shows.show(scope.id()).isPresent();
            case MOVIE -> movies.exists(scope.id());
        };
    }

    // Joining and watching a place.

    public QueueJoin join(String showId, String email) {
        if (!EmailAddresses.isValid(email)) {
            return new QueueJoin.Invalid("email", "must be an email address");
        }
        Optional<BookableShow> show = shows.show(showId);
        if (show.isEmpty()) {
            return new QueueJoin.UnknownShow(showId);
        }
        if (!show.get().isOnSale(clock.instant())) {
            return new QueueJoin.NotBookable(show.get().whyNotOnSale());
        }
        Optional<QueueMode> mode = modeOf(showId);
        if (mode.isEmpty()) {
            return new QueueJoin.NotQueued(showId);
        }
        String token = secrets.newToken();
        WaitingRoomStore.Joining joining = store.join(secrets.newId("qp"), showId, email.trim().toLowerCase(Locale.ROOT),
                Tokens.hash(token), clock.instant());
        QueuePlace place = joining.stored().place();
        int position = store.position(place);
        Duration wait = estimatedWait(position, mode.get());
        return joining.created() ? new QueueJoin.Joined(place, position, wait, token) : new QueueJoin.AlreadyJoined(place, position, wait);
    }

    /** The place, if the token is its own. */
    public Optional<QueuePlace> find(String placeId, String token) {
        return store.find(placeId).filter(s -> Tokens.matches(token, s.tokenHash())).map(WaitingRoomStore.StoredPlace::place);
    }

    /**
     * Its place in the queue, 1 for the next to be admitted; 0 once admitted. Read from the show's waiting order as this
     * instance last read it, at most {@code modeRefresh} ago (or since it last admitted from the show): everyone
     * watching a queue polls it every second, and one read per show and second serves them all. A place that joined
     * after that read is counted afresh.
     */
    public int position(QueuePlace place) {
        if (place.status() != PlaceStatus.WAITING) {
            return 0;
        }
        Instant now = clock.instant();
        WaitingOrder order = orders.compute(place.showId(), (showId, known) -> known == null || known.staleAt(now, rules.modeRefresh())
                ? new WaitingOrder(now, store.waitingOrder(showId)) : known);
        int found = Arrays.binarySearch(order.seqs(), place.seq());
        return found >= 0 ? found + 1 : store.position(place);
    }

    /** How long until a place at this position is admitted, at its show's rate; zero when the show is out of queue mode. */
    public Duration estimatedWait(QueuePlace place, int position) {
        return modeOf(place.showId()).map(mode -> estimatedWait(position, mode)).orElse(Duration.ZERO);
    }

    private static Duration estimatedWait(int position, QueueMode mode) {
        return mode.admissionInterval().multipliedBy(position);
    }

    // Admission.

    /** The shows with people waiting in their queues. */
    public List<String> showsWithWaiting() {
        return store.showsWithWaiting();
    }

    /** Admits whoever is due in every queue of a show in queue mode. */
    public int admitAll() {
        int admitted = 0;
        for (String showId : showsWithWaiting()) {
            try {
                admitted += admitDue(showId);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Admitting from the queue of show " + showId + " failed; tried again next round", e);
            }
        }
        return admitted;
    }

    /**
     * Admits the people of a show's queue whose turn has come, in join order, under the lock of the show's gate.
     *
     * @return how many this call admitted
     */
    public int admitDue(String showId) {
        Optional<QueueMode> mode = modeOf(showId);
        if (mode.isEmpty()) {
            return 0;
        }
        return transactions.atomically(() -> {
            Instant now = clock.instant();
            AdmissionRate due = AdmissionRate.due(store.lockGate(showId, now), now, mode.get().admissionsPerMinute(), rules.backlog());
            int admitted = 0;
            if (due.admissions() > 0) {
                Instant expiresAt = now.plus(mode.get().admissionValidity());
                for (QueuePlace place : store.nextWaiting(showId, due.admissions())) {
                    String token = secrets.newToken();
                    if (store.admit(place.id(), token, Tokens.hash(token), now, expiresAt)) {
                        admitted++;
                    }
                }
            }
            store.saveGate(showId, due.accountedAfter(admitted, now));
            if (admitted > 0) {
                orders.remove(showId);
                LOG.log(System.Logger.Level.DEBUG, "Admitted {0} from the queue of show {1}", admitted, showId);
            }
            return admitted;
        });
    }

    /**
     * Whether a hold on a show may go ahead: always when the show is not in queue mode, otherwise only with a valid
     * admission to that show. One admission allows any number of holds until it expires: a hold refused because the
     * seats were taken meanwhile must be retryable, the per-email seat limit bounds what one person holds, and the
     * admission is short.
     *
     * @param admissionToken the token presented, or null
     */
    public HoldEntry entryFor(String showId, String admissionToken) {
        if (modeOf(showId).isEmpty()) {
            return new HoldEntry.Open();
        }
        if (admissionToken == null || admissionToken.isBlank()) {
            return new HoldEntry.AdmissionRequired(showId, "show " + showId + " is in queue mode: join its queue and hold seats with "
                    + "the admission token you are given when your turn comes");
        }
        Optional<QueuePlace> place = store.admittedWith(Tokens.hash(admissionToken));
        Instant now = clock.instant();
        if (place.isEmpty() || !place.get().showId().equals(showId)) {
            return new HoldEntry.AdmissionRequired(showId, "this admission token is not one for show " + showId);
        }
        if (!place.get().admittedAt(now)) {
            return new HoldEntry.AdmissionRequired(showId, "this admission expired at " + place.get().admissionExpiresAt());
        }
        return new HoldEntry.Admitted(place.get());
    }

    /**
     * Counts a hold attempt on a show, towards switching queue mode on by itself when attempts pass the surge rate.
     * Cheap: counted in memory, added to the shared count at most once per {@code surgeFlush} per show.
     */
    public void holdAttempted(String showId) {
        // A known show only (a map look-up), so that made-up ids do not fill the counts.
        if (rules.surgeWatched() && modeOf(showId).isEmpty() && movies.movieOf(showId).isPresent()) {
            surges.attempted(showId);
        }
    }

    private void surged(String showId, long attempts) {
        Instant now = clock.instant();
        // Read afresh: an operator's mode set on another instance within the last moment is kept, not replaced.
        modes = null;
        if (modeOf(showId).isPresent()) {
            return;
        }
        QueueMode mode = new QueueMode(QueueScope.show(showId), rules.autoAdmissionsPerMinute(), rules.autoAdmissionValidity(), true, now,
                now.plus(rules.autoModeFor()));
        store.putMode(mode);
        modes = null;
        LOG.log(System.Logger.Level.INFO, "Queue mode on by itself for show {0}: {1} hold attempts within {2}; {3} admissions a minute "
                + "until {4}", showId, attempts, rules.surgeWindow(), mode.admissionsPerMinute(), mode.endsAt());
    }

    /** The numbers of a show's waiting places as read at one moment. */
    private record WaitingOrder(Instant readAt, long[] seqs) {

        boolean staleAt(Instant now, Duration refresh) {
            return !now.isBefore(readAt.plus(refresh));
        }
    }

    /** The queue modes as read at one moment. */
    private record ModeSnapshot(Instant readAt, Map<QueueScope, QueueMode> byScope, boolean anyMovie) {

        static ModeSnapshot of(List<QueueMode> modes, Instant now) {
            Map<QueueScope, QueueMode> byScope = new HashMap<>();
            modes.forEach(m -> byScope.put(m.scope(), m));
            return new ModeSnapshot(now, Map.copyOf(byScope), byScope.keySet().stream().anyMatch(s -> s.kind() == QueueScope.Kind.MOVIE));
        }

        Optional<QueueMode> find(QueueScope scope, Instant now) {
            return Optional.ofNullable(byScope.get(scope)).filter(m -> m.activeAt(now));
        }
    }
}

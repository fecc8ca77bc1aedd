package dev.marquee.gateway.waitlist;

import dev.marquee.booking.waitlist.JoinOutcome;
import dev.marquee.booking.waitlist.Waitlist;
import dev.marquee.booking.waitlist.WaitlistEntry;
import dev.marquee.booking.waitlist.WaitlistStatus;
import dev.marquee.gateway.broadcast.Broadcasts;
import dev.marquee.gateway.broadcast.Topic;
import dev.marquee.gateway.broadcast.Wakeup;
import dev.marquee.gateway.clients.ApiClient;
import dev.marquee.gateway.limits.CustomerAddresses;
import dev.marquee.gateway.limits.LimitSettings;
import dev.marquee.gateway.limits.RateLimits;
import dev.marquee.gateway.limits.StreamLimits;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.NotFoundException;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Joining, watching and leaving a show's waitlist. {@code GET ...?waitSeconds=N} long-polls: it answers
 * as soon as the entry is no longer waiting, or after N seconds, so a client learns of an offer without
 * polling again and again; {@code GET .../events} streams the same as server-sent events. Joining and leaving need an
 * API key; joins of one show by one email are limited ({@code marquee.limits.waitlist-joins-per-email}), and so are
 * long-polls and streams ({@link StreamLimits}).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WaitlistController {
    private static final int MAX_WAIT_SECONDS = 60;


    private final Waitlist waitlist;
    private final WaitlistEvents events;
    private final Clock clock;
    private final Broadcasts broadcasts;
    private final RateLimits rates;
    private final LimitSettings limits;
    private final StreamLimits streams;
    private final CustomerAddresses addresses;

    public WaitlistController(Waitlist waitlist, WaitlistEvents events, Clock clock, Broadcasts broadcasts, RateLimits rates,
            LimitSettings limits, StreamLimits streams, CustomerAddresses addresses) {
        this.waitlist = waitlist;
        this.events = events;
        this.clock = clock;
        this.broadcasts = broadcasts;
        this.rates = rates;
        this.limits = limits;
        this.streams = streams;
        this.addresses = addresses;
    }

    @Post(value = "/shows/{showId}/waitlist", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<?> join(@PathVariable String showId, @Body @Nullable JsonNode body, ApiClient client) {
        WaitlistBody join = WaitlistBody.of(body);
        if (join.email() != null) {
            rates.take(limits.waitlistJoinsLimit(), showId + "/" + join.email().strip().toLowerCase(java.util.Locale.ROOT))
                    .ifPresent(wait -> {
                        throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS, "This email joined this show's "
                                + "waitlist too often; try again later"), Problems.retryAfter(wait), null);
                    });
        }
        return switch (waitlist.join(showId, join.email(), join.seatCount(), join.category())) {
            case JoinOutcome.Joined joined ->
                    HttpResponse.status(HttpStatus.CREATED).body(WaitlistView.of(joined.entry(), joined.position(), joined.token()));
            case JoinOutcome.Invalid invalid -> throw InvalidParametersException.of(invalid.field(), invalid.reason());
            case JoinOutcome.UnknownShow unknown -> throw new NotFoundException("show", unknown.showId());
            case JoinOutcome.NotBookable notBookable -> throw ProblemException.of(ProblemType.SHOW_NOT_BOOKABLE, notBookable.reason());
        };
    }

    @Get("/waitlist/{entryId}")
    public HttpResponse<?> read(@PathVariable String entryId, Bearer bearer, @QueryValue @Nullable String waitSeconds,
            HttpRequest<?> request) {
        String token = bearer.token();
        long wait = waitFor(waitSeconds);
        Optional<WaitlistEntry> entry = waitlist.find(entryId, token);
        if (wait > 0 && entry.isPresent() && entry.get().status() == WaitlistStatus.WAITING) {
            // Woken by a broadcast of a change to the show's waitlist, from whichever instance made it.
            try (StreamLimits.OpenStream open = streams.open(addresses.of(request));
                    Wakeup wakeup = Wakeup.on(broadcasts, Topic.WAITLIST, entry.get().showId())) {
                Instant deadline = clock.instant().plusSeconds(wait);
                entry = waitlist.find(entryId, token);
                while (entry.isPresent() && entry.get().status() == WaitlistStatus.WAITING && clock.instant().isBefore(deadline)) {
                    wakeup.await(Duration.between(clock.instant(), deadline));
                    entry = waitlist.find(entryId, token);
                }
            }
        }
        return entry.<HttpResponse<?>>map(e -> HttpResponse.ok(WaitlistView.of(e, waitlist.position(e), null)))
                .orElseThrow(() -> new NotFoundException("waitlist entry for this token", entryId));
    }

    /** The entry as server-sent events ({@code text/event-stream}) until it is no longer waiting. */
    @Get(value = "/waitlist/{entryId}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<?> events(@PathVariable String entryId, Bearer bearer, HttpRequest<?> request) {
        String token = bearer.token();
        WaitlistEntry entry = waitlist.find(entryId, token)
                .orElseThrow(() -> new NotFoundException("waitlist entry for this token", entryId));
        StreamLimits.OpenStream open = streams.open(addresses.of(request));
        return HttpResponse.ok(open.whileOpen(events.of(entryId, token, entry.showId())));
    }

    @Delete("/waitlist/{entryId}")
    public HttpResponse<?> leave(@PathVariable String entryId, Bearer bearer, ApiClient client) {
        return waitlist.leave(entryId, bearer.token()).<HttpResponse<?>>map(e -> HttpResponse.ok(WaitlistView.of(e, 0, null)))
                .orElseThrow(() -> new NotFoundException("waitlist entry for this token", entryId));
    }

    private static long waitFor(@Nullable String waitSeconds) {
        if (waitSeconds == null) {
            return 0;
        }
        try {
            long seconds = Long.parseLong(waitSeconds);
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidParametersException.of("waitSeconds", "must be a whole number from 0 to " + MAX_WAIT_SECONDS);
    }
}

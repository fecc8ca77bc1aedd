package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.waitingroom.PlaceStatus;
import dev.marquee.booking.waitingroom.QueueJoin;
import dev.marquee.booking.waitingroom.QueuePlace;
import dev.marquee.booking.waitingroom.WaitingRoom;
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
 * Joining and watching a show's queue. {@code GET ...?waitSeconds=N} long-polls: it answers as soon as the place is
 * admitted, or after N seconds; {@code GET .../events} streams the place's position and its admission as server-sent
 * events. Joining needs an API key: one place per email, and at most {@code marquee.limits.queue-joins-per-client} joins
 * of a show per hour through one key, so one app cannot fill a queue with made-up emails. Long-polls and streams are
 * limited by {@link StreamLimits}.
 */
@Controller("/api/v1/shows/{showId}/queue")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QueueController {
    private static final int MAX_WAIT_SECONDS = 60;

    private final WaitingRoom room;
    private final QueueEvents events;
    private final Clock clock;
    private final Broadcasts broadcasts;
    private final RateLimits rates;
    private final LimitSettings limits;
    private final StreamLimits streams;
    private final CustomerAddresses addresses;

    public QueueController(WaitingRoom room, QueueEvents events, Clock clock, Broadcasts broadcasts, RateLimits rates, LimitSettings limits,
            StreamLimits streams, CustomerAddresses addresses) {
        this.room = room;
        this.events = events;
        this.clock = clock;
        this.broadcasts = broadcasts;
        this.rates = rates;
        this.limits = limits;
        this.streams = streams;
        this.addresses = addresses;
    }

    /** Whether the show is in queue mode (by itself or through its movie's on-sale); a show not known is not. */
    @Get
    public QueueStatusView status(@PathVariable String showId) {
        return room.modeOf(showId).map(mode -> new QueueStatusView(showId, true, mode.admissionsPerMinute()))
                .orElseGet(() -> new QueueStatusView(showId, false, null));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<?> join(@PathVariable String showId, @Body @Nullable JsonNode body, ApiClient client) {
        QueueJoinBody join = QueueJoinBody.of(body);
        rates.take(limits.queueJoinsLimit(), showId + "/" + client.id()).ifPresent(wait -> {
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS, "This API key has joined this show's queue "
                    + "as often as it may; try again later"), Problems.retryAfter(wait), null);
        });
        Instant now = clock.instant();
        return switch (room.join(showId, join.email())) {
            case QueueJoin.Joined joined -> HttpResponse.status(HttpStatus.CREATED)
                    .body(QueuePlaceView.of(joined.place(), joined.position(), joined.estimatedWait(), joined.token(), now));
            case QueueJoin.AlreadyJoined again -> HttpResponse.ok(QueuePlaceView.of(again.place(), again.position(), again.estimatedWait(),
                    null, now));
            case QueueJoin.Invalid invalid -> throw InvalidParametersException.of(invalid.field(), invalid.reason());
            case QueueJoin.UnknownShow unknown -> throw new NotFoundException("show", unknown.showId());
            case QueueJoin.NotBookable notBookable -> throw ProblemException.of(ProblemType.SHOW_NOT_BOOKABLE, notBookable.reason());
            case QueueJoin.NotQueued notQueued -> throw ProblemException.of(ProblemType.QUEUE_NOT_ACTIVE, "Show " + notQueued.showId()
                    + " is not in queue mode: hold seats without joining a queue");
        };
    }

    @Get("/{placeId}")
    public QueuePlaceView read(@PathVariable String showId, @PathVariable String placeId, Bearer bearer,
            @QueryValue @Nullable String waitSeconds, HttpRequest<?> request) {
        String token = bearer.token();
        long wait = waitFor(waitSeconds);
        Optional<QueuePlace> place = find(showId, placeId, token);
        if (wait > 0 && place.isPresent() && place.get().status() == PlaceStatus.WAITING) {
            // Woken by a broadcast of admissions from the show's queue, from whichever instance admitted.
            try (StreamLimits.OpenStream open = streams.open(addresses.of(request));
                    Wakeup wakeup = Wakeup.on(broadcasts, Topic.QUEUE, showId)) {
                Instant deadline = clock.instant().plusSeconds(wait);
                place = find(showId, placeId, token);
                while (place.isPresent() && place.get().status() == PlaceStatus.WAITING && clock.instant().isBefore(deadline)) {
                    wakeup.await(Duration.between(clock.instant(), deadline));
                    place = find(showId, placeId, token);
                }
            }
        }
        return place.map(this::view).orElseThrow(() -> notFound(placeId));
    }

    /** The place as server-sent events ({@code text/event-stream}): its position as it moves, then its admission. */
    @Get(value = "/{placeId}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<?> events(@PathVariable String showId, @PathVariable String placeId, Bearer bearer,
            HttpRequest<?> request) {
        String token = bearer.token();
        if (find(showId, placeId, token).isEmpty()) {
            throw notFound(placeId);
        }
        StreamLimits.OpenStream open = streams.open(addresses.of(request));
        return HttpResponse.ok(open.whileOpen(events.of(placeId, token, showId)));
    }

    private Optional<QueuePlace> find(String showId, String placeId, String token) {
        return room.find(placeId, token).filter(p -> p.showId().equals(showId));
    }

    QueuePlaceView view(QueuePlace place) {
        int position = room.position(place);
        return QueuePlaceView.of(place, position, room.estimatedWait(place, position), null, clock.instant());
    }

    /** The same answer for a wrong token as for no place: nobody learns which place ids exist. */
    private static NotFoundException notFound(String placeId) {
        return new NotFoundException("queue place for this token", placeId);
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

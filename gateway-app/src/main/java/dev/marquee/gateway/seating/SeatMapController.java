package dev.marquee.gateway.seating;

import dev.marquee.gateway.limits.CustomerAddresses;
import dev.marquee.gateway.limits.StreamLimits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * The seat map of a show, served from its ready bytes on the event loop; only a map this instance must make
 * first (a show it has not seen, or while it cannot hear other instances) is made off the event loop.
 *
 * <p>{@code Cache-Control: no-cache}: during an on-sale a seat changes any second, so no cache may reuse an answer
 * unasked; but it may keep it and revalidate with {@code If-None-Match}, which costs a 304 without a body.
 */
@Controller("/api/v1/shows")
public class SeatMapController {
    static final String CHANGES_EVENT = "seats";
    /** An empty event this often keeps proxies and idle timeouts from closing a quiet stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** A client's event source reconnects (with Last-Event-ID) after this; a stream is never held for ever. */
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private final SeatMapService seatMaps;
    private final JsonMapper json;
    private final ExecutorService blocking;
    private final SeatMapMeters meters;
    private final StreamLimits streams;
    private final CustomerAddresses addresses;

    public SeatMapController(SeatMapService seatMaps, JsonMapper json, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            SeatMapMeters meters, StreamLimits streams, CustomerAddresses addresses) {
        this.seatMaps = seatMaps;
        this.meters = meters;
        this.json = json;
        this.blocking = blocking;
        this.streams = streams;
        this.addresses = addresses;
    }

    /**
     * The request's query and headers are read from it here rather than bound as arguments: this is the hottest
     * route of an on-sale, and binding three optional values cost about as much as the answer itself.
     */
    @Get(value = "/{showId}/seats", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<ByteBuf>> seats(@PathVariable String showId, HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        String since = request.getUri().getRawQuery() == null ? null : request.getParameters().get("since");
        String ifNoneMatch = headers.get(HttpHeaders.IF_NONE_MATCH);
        String acceptEncoding = headers.get(HttpHeaders.ACCEPT_ENCODING);
        SeatMapVersion ready = seatMaps.ready(showId);
        meters.read(ready != null);
        if (ready != null) {
            return CompletableFuture.completedFuture(answer(showId, ready, since, ifNoneMatch, acceptEncoding));
        }
        return CompletableFuture.supplyAsync(() -> answer(showId, seatMaps.load(showId), since, ifNoneMatch, acceptEncoding),
                blocking).exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    @Get(value = "/{showId}/seats/changes", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Publisher<Event<SeatChanges>> changes(@PathVariable String showId, @QueryValue @Nullable String since,
            @Header("Last-Event-ID") @Nullable String lastEventId, HttpRequest<?> request) {
        seatMaps.load(showId);
        StreamLimits.OpenStream open = streams.open(addresses.of(request));
        return open.whileOpen(seatMaps.follow(showId, lastEventId != null ? lastEventId : since, KEEP_ALIVE)
                .take(LIFETIME)
                .map(changes -> Event.of(changes).name(CHANGES_EVENT).id(changes.version())));
    }

    private HttpResponse<ByteBuf> answer(String showId, SeatMapVersion version, @Nullable String since,
            @Nullable String ifNoneMatch, @Nullable String acceptEncoding) {
        if (matches(ifNoneMatch, version.etag())) {
            return headers(HttpResponse.<ByteBuf>status(HttpStatus.NOT_MODIFIED), showId, version);
        }
        if (since != null) {
            SeatChanges changes = seatMaps.changesSince(showId, since);
            if (changes != null) {
                return headers(HttpResponse.ok(Unpooled.wrappedBuffer(bytes(changes))), showId, version).contentType(MediaType.APPLICATION_JSON_TYPE);
            }
        }
        boolean gzip = acceptsGzip(acceptEncoding);
        MutableHttpResponse<ByteBuf> response = headers(HttpResponse.ok(gzip ? version.gzipBody() : version.jsonBody()), showId, version)
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        return gzip ? response.header(HttpHeaders.CONTENT_ENCODING, "gzip") : response;
    }

    private MutableHttpResponse<ByteBuf> headers(MutableHttpResponse<ByteBuf> response, String showId, SeatMapVersion version) {
        return response.header(HttpHeaders.ETAG, version.etag())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header(HttpHeaders.AGE, Long.toString(seatMaps.ageSeconds(showId)));
    }

    /** If-None-Match compares weakly (RFC 9110): a W/ prefix does not matter; {@code *} matches any version. */
    static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals("*") || candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim().replace(" ", "");
                    if (param.matches("q=0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private byte[] bytes(SeatChanges changes) {
        try {
            return json.writeValueAsBytes(changes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

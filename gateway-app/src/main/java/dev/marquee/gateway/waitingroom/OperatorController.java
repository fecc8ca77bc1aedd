package dev.marquee.gateway.waitingroom;

import dev.marquee.booking.waitingroom.ModeChange;
import dev.marquee.booking.waitingroom.QueueScope;
import dev.marquee.booking.waitingroom.WaitingRoom;
import dev.marquee.gateway.operator.OperatorKey;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The operator API of the waiting room: puts a show, or an on-sale (every show of a movie, across cinemas and chains),
 * in queue mode with an admission rate and validity, and takes it out. Every call carries the operator key.
 */
@Controller("/api/v1/operator/queues")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OperatorController {
    private final WaitingRoom room;
    private final OperatorKey key;

    public OperatorController(WaitingRoom room, OperatorKey key) {
        this.room = room;
        this.key = key;
    }

    @Get
    public QueueModeList list(Bearer bearer) {
        key.check(bearer);
        return new QueueModeList(room.modes().stream().map(QueueModeView::of).toList());
    }

    @Put(value = "/shows/{showId}", consumes = MediaType.APPLICATION_JSON)
    public QueueModeView queueShow(@PathVariable String showId, Bearer bearer, @Body @Nullable JsonNode body) {
        return put(QueueScope.show(showId), bearer, body);
    }

    @Delete("/shows/{showId}")
    public HttpResponse<?> openShow(@PathVariable String showId, Bearer bearer) {
        return end(QueueScope.show(showId), bearer);
    }

    @Put(value = "/movies/{movieId}", consumes = MediaType.APPLICATION_JSON)
    public QueueModeView queueOnSale(@PathVariable String movieId, Bearer bearer, @Body @Nullable JsonNode body) {
        return put(QueueScope.movie(movieId), bearer, body);
    }

    @Delete("/movies/{movieId}")
    public HttpResponse<?> openOnSale(@PathVariable String movieId, Bearer bearer) {
        return end(QueueScope.movie(movieId), bearer);
    }

    private QueueModeView put(QueueScope scope, Bearer bearer, @Nullable JsonNode body) {
        key.check(bearer);
        QueueModeBody mode = QueueModeBody.of(body);
        return switch (room.putInQueueMode(scope, mode.admissionsPerMinute(), mode.admissionValiditySeconds())) {
            case ModeChange.Set set -> QueueModeView.of(set.mode());
            case ModeChange.Invalid invalid -> throw InvalidParametersException.of(invalid.field(), invalid.reason());
            case ModeChange.UnknownScope unknown -> throw notFound(unknown.scope());
        };
    }

    private HttpResponse<?> end(QueueScope scope, Bearer bearer) {
        key.check(bearer);
        if (!room.endQueueMode(scope)) {
            throw new NotFoundException(scope.kind() == QueueScope.Kind.SHOW ? "show in queue mode" : "on-sale in queue mode", scope.id());
        }
        return HttpResponse.noContent();
    }

    private static NotFoundException notFound(QueueScope scope) {
        return new NotFoundException(scope.kind() == QueueScope.Kind.SHOW ? "show" : "movie", scope.id());
    }
}

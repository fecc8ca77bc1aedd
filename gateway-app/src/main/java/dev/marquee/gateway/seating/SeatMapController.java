package dev.marquee.gateway.seating;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The seat map of a show; it may wait on the show's chain, so it runs off the event loop. */
@Controller(value = "/api/v1/shows", produces = MediaType.APPLICATION_JSON)
public class SeatMapController {
    private final SeatMapService seatMaps;

    public SeatMapController(SeatMapService seatMaps) {
        this.seatMaps = seatMaps;
    }

    @Get("/{showId}/seats")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SeatMap seats(@PathVariable String showId) {
        return seatMaps.seatMap(showId);
    }
}

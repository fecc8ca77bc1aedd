package dev.marquee.gateway.seating;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;

/**
 * Seat map reads by whether this instance had the show's map ready ({@code marquee_seat_map_reads_total{cache=hit|miss}}):
 * a hit is served at once from the ready bytes; a miss is made first (the chain read, or the database's holds laid over
 * again while notices from other instances are not heard). The hit ratio is hits over both. Both are registered at 0
 * when the registry is built (a binder); with metrics off they count where no one reads.
 */
@Singleton
public class SeatMapMeters implements MeterBinder {
    static final String NAME = "marquee.seat.map.reads";

    private volatile Counter hits;
    private volatile Counter misses;

    public SeatMapMeters() {
        bindTo(new SimpleMeterRegistry());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        hits = counter(registry, "hit");
        misses = counter(registry, "miss");
    }

    private static Counter counter(MeterRegistry meters, String cache) {
        return Counter.builder(NAME).tag("cache", cache)
                .description("Seat map reads served from the map this instance had ready (hit) or made first (miss)")
                .register(meters);
    }

    void read(boolean ready) {
        (ready ? hits : misses).increment();
    }
}

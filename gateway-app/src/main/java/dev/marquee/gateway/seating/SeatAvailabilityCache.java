package dev.marquee.gateway.seating;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.TheatreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Seat availability per show: a fresh answer is reused for its chain's freshness period, so a popular
 * show does not send every client to the chain; the last good answer is kept longer, to serve while the
 * chain is down. Time comes from the injected clock, so tests move it instead of sleeping.
 */
public final class SeatAvailabilityCache {
    private final Cache<String, Fresh> fresh;
    private final Cache<String, SeatAvailability> lastGood;

    public SeatAvailabilityCache(Clock clock, int lastAnswers) {
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.fresh = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumSize(lastAnswers)
                .expireAfter(Expiry.creating((String showId, Fresh answer) -> answer.ttl()))
                .build();
        this.lastGood = Caffeine.newBuilder().executor(Runnable::run).maximumSize(lastAnswers).build();
    }

    /**
     * The show's availability: fresh from the cache, else read from the chain (one read per show at a
     * time; concurrent callers wait for it), else, when the chain fails, the last good answer.
     *
     * @param read asks the chain; throws a {@link TheatreException} when it fails
     * @throws TheatreException when the chain fails and there is no earlier answer
     */
    public Answer get(String showId, Duration ttl, Supplier<SeatAvailability> read) {
        try {
            Fresh answer = fresh.get(showId, id -> {
                SeatAvailability availability = read.get();
                lastGood.put(id, availability);
                return new Fresh(availability, ttl);
            });
            return new Answer(answer.availability(), false);
        } catch (TheatreException e) {
            SeatAvailability last = lastGood.getIfPresent(showId);
            if (last == null) {
                throw e;
            }
            return new Answer(last, true);
        }
    }

    /** Forgets the fresh answer, so the next read asks the chain; the last good answer stays as a fallback. */
    public void forget(String showId) {
        fresh.invalidate(showId);
    }

    /** The last good answer, if any. */
    public Optional<SeatAvailability> lastGood(String showId) {
        return Optional.ofNullable(lastGood.getIfPresent(showId));
    }

    /**
     * Seat states for a show.
     *
     * @param stale true when they are the last good answer because the chain failed now
     */
    public record Answer(SeatAvailability availability, boolean stale) {
    }

    private record Fresh(SeatAvailability availability, Duration ttl) {
    }
}

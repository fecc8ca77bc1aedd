package dev.marquee.gateway.seating;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Seat map settings, from {@code marquee.seating.*}. How long an answer counts as fresh is per chain
 * ({@code marquee.chains.<id>.seat-map-ttl}).
 *
 * @param retryAfter what a 503 tells clients to wait when a chain fails and no earlier answer exists, default 5 s
 * @param lastAnswers how many shows' last good answers are kept to serve while their chain is down, default 10000
 * @param peerWait how long a change of seats waits for the other gateway instances to apply it before its request
 *        is answered anyway (on PostgreSQL), default 250 ms
 * @param notices whether instances tell each other of seat changes (PostgreSQL LISTEN/NOTIFY), default true; off, an
 *        instance learns of another's changes only from the chain's next answer (for a single instance, or a test's
 *        control run)
 */
@ConfigurationProperties("marquee.seating")
public record SeatingConfiguration(@Nullable Duration retryAfter, @Nullable Integer lastAnswers, @Nullable Duration peerWait,
        @Nullable Boolean notices) {
    public SeatingConfiguration {
        if (peerWait != null && (peerWait.isNegative() || peerWait.isZero())) {
            throw new ConfigurationException("marquee.seating.peer-wait must be positive: " + peerWait);
        }
        if (retryAfter != null && (retryAfter.isNegative() || retryAfter.isZero())) {
            throw new ConfigurationException("marquee.seating.retry-after must be positive: " + retryAfter);
        }
        if (lastAnswers != null && lastAnswers < 1) {
            throw new ConfigurationException("marquee.seating.last-answers must be at least 1: " + lastAnswers);
        }
    }

    public Duration retryAfterOrDefault() {
        return retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
    }

    public int lastAnswersOrDefault() {
        return lastAnswers == null ? 10_000 : lastAnswers;
    }

    public boolean noticesOrDefault() {
        return notices == null || notices;
    }

    public Duration peerWaitOrDefault() {
        return peerWait == null ? Duration.ofMillis(250) : peerWait;
    }
}

package dev.marquee.gateway.holds;

import dev.marquee.booking.holds.HoldRules;
import dev.marquee.booking.idempotency.IdempotencyRules;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How seat holds behave, from {@code marquee.holds.*}.
 *
 * @param ttl how long a hold lasts (default 5 minutes)
 * @param chainMargin how much longer the chain's lock lives than the gateway's hold, so the gateway never
 *     believes in a lock the chain has dropped (default 30 s)
 * @param maxSeatsPerHold seats one hold may take (default 10)
 * @param maxSeatsPerEmail seats one email may hold at once for one show (default 10)
 * @param sweepInterval how often expired holds are looked for (default 1 s)
 * @param idempotencyRetention how long an idempotency key's answer is kept (default 24 h)
 * @param idempotencyLease how long a hold request that gives back its chain lock holds its idempotency key, should its
 *     instance die meanwhile (repeats answer 409 request-in-progress until then)
 *     (its instance died, or its outcome at the chain is unknown) and continue under the same hold id (default 30 s);
 *     shorter than the hold's ttl, so that the retry finds the hold or its chain lock still there
 */
@ConfigurationProperties("marquee.holds")
public record HoldSettings(
        @Nullable Duration ttl,
        @Nullable Duration chainMargin,
        @Nullable Integer maxSeatsPerHold,
        @Nullable Integer maxSeatsPerEmail,
        @Nullable Duration sweepInterval,
        @Nullable Duration idempotencyRetention,
        @Nullable Duration idempotencyLease) {

    public HoldSettings {
        ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
        chainMargin = chainMargin == null ? Duration.ofSeconds(30) : chainMargin;
        maxSeatsPerHold = maxSeatsPerHold == null ? 10 : maxSeatsPerHold;
        maxSeatsPerEmail = maxSeatsPerEmail == null ? 10 : maxSeatsPerEmail;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(1) : sweepInterval;
        idempotencyRetention = idempotencyRetention == null ? Duration.ofHours(24) : idempotencyRetention;
        idempotencyLease = idempotencyLease == null ? Duration.ofSeconds(30) : idempotencyLease;
        positive(ttl, "ttl");
        positive(chainMargin, "chain-margin");
        positive(sweepInterval, "sweep-interval");
        positive(idempotencyRetention, "idempotency-retention");
        positive(idempotencyLease, "idempotency-lease");
        if (idempotencyLease.compareTo(ttl) >= 0) {
            throw new ConfigurationException("marquee.holds.idempotency-lease must be shorter than marquee.holds.ttl, got "
                    + idempotencyLease + " and " + ttl + ": a repeat would wait for a key longer than a hold lasts");
        }
        if (idempotencyLease.compareTo(idempotencyRetention) >= 0) {
            throw new ConfigurationException("marquee.holds.idempotency-lease must be shorter than "
                    + "marquee.holds.idempotency-retention, got " + idempotencyLease + " and " + idempotencyRetention);
        }
        atLeastOne(maxSeatsPerHold, "max-seats-per-hold");
        atLeastOne(maxSeatsPerEmail, "max-seats-per-email");
    }

    /** The limits the core places holds within. */
    public HoldRules rules() {
        return new HoldRules(ttl, chainMargin, maxSeatsPerHold, maxSeatsPerEmail);
    }

    /** How idempotency keys of hold requests are kept. */
    public IdempotencyRules idempotencyRules() {
        return IdempotencyRules.of(idempotencyLease, idempotencyRetention);
    }

    public static HoldSettings defaults() {
        return new HoldSettings(null, null, null, null, null, null, null);
    }

    private static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException("marquee.holds." + key + " must be positive, got " + value);
        }
    }

    private static void atLeastOne(int value, String key) {
        if (value < 1) {
            throw new ConfigurationException("marquee.holds." + key + " must be at least 1, got " + value);
        }
    }
}

package dev.marquee.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.booking.tokens.Tokens;
import dev.marquee.gateway.db.SingleStatements;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets (Bucket4j) for every rate limit. On PostgreSQL the buckets are rows of {@code rate_limit_buckets},
 * each taken under {@code SELECT … FOR UPDATE} in its own short transaction, so all instances draw from one bucket per
 * key; on H2 (the embedded default, one instance) they live in memory. Bucket4j reads time from the gateway's clock.
 */
@Singleton
public class RateLimits {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
    /** Subjects longer than this, or with other than printable ASCII (what a client sent), are stored as their SHA-256. */
    private static final int MAX_SUBJECT = 200;

    private final Buckets buckets;

    public RateLimits(LimitSettings settings, DataSource dataSource, DataSourceResolver resolver, SingleStatements statements,
            Clock clock) {
        TimeMeter time = new ClockTime(clock);
        boolean shared = switch (settings.store()) {
            case "shared" -> true;
            case "local" -> false;
            default -> statements.read(c -> c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
        };
        this.buckets = shared ? new SharedBuckets(resolver.resolve(dataSource), time) : new LocalBuckets(time);
        LOG.info(shared ? "Rate limits are shared by every instance (buckets in PostgreSQL)"
                : "Rate limits are counted by this instance alone (buckets in memory)");
    }

    private RateLimits(Buckets buckets) {
        this.buckets = buckets;
    }

    /** Buckets in memory on this clock, as on the embedded single instance. */
    public static RateLimits inMemory(Clock clock) {
        return new RateLimits(new LocalBuckets(new ClockTime(clock)));
    }

    /**
     * Takes one token of a limit for a subject (an API client, an address, an email and show).
     *
     * @return empty when there was one; otherwise how long until there is
     */
    public Optional<Duration> take(Limit limit, String subject) {
        boolean plain = subject.length() <= MAX_SUBJECT && subject.chars().allMatch(c -> c > ' ' && c < 127);
        String key = limit.name() + ":" + (plain ? subject : Tokens.hash(subject));
        ConsumptionProbe probe = buckets.take(key, limit);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Forgets shared buckets that have been full long enough to need no row. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void removeFullBuckets() {
        try {
            buckets.removeExpired();
        } catch (RuntimeException e) {
            LOG.warn("Could not remove expired rate limit buckets: {}", e.toString());
        }
    }

    /** Which settings a bucket was made with: the count and the period, as one number. */
    static long version(Limit limit) {
        return limit.count() * 31 + limit.per().toMillis();
    }

    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    private static Bandwidth bandwidth(Limit limit) {
        return Bandwidth.builder().capacity(limit.count()).refillGreedy(limit.count(), limit.per()).build();
    }

    private interface Buckets {
        ConsumptionProbe take(String key, Limit limit);

        void removeExpired();
    }

    /**
     * Buckets in PostgreSQL. Each key's bucket is taken through one proxy kept for it, with Bucket4j's batching: takes
     * of one bucket that arrive while another is at the database wait for it and then go together, in one transaction.
     * A busy key (one booking app's, or one address behind a balancer) no longer queues its every request on the
     * bucket's row lock, one transaction at a time: that halved the holds a second the gateway could place.
     * <p>
     * A limit of {@value #DELAYED_FROM} or more a period is also delayed: an instance takes up to
     * {@value #SLACK_PERCENT}% of it against its last copy of the bucket, for at most {@link #DELAY}, and then
     * tells the database what it took in one transaction (Bucket4j's delaying). Such a key may go over its limit by that
     * share per instance, and its requests stop costing a transaction each: a booking app's thousands of holds a
     * minute made one bucket transaction for every hold. Smaller limits (an email's 5 waitlist joins an hour, an
     * address's 120 writes a minute) stay exact; so a key's default 600 writes a minute may go over by 6 per instance.
     */
    static final class SharedBuckets implements Buckets {
        static final long DELAYED_FROM = 200;
        static final long SLACK_PERCENT = 1;
        static final Duration DELAY = Duration.ofMillis(100);

        private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
        private final TimeMeter time;
        /** The batching state lives in the proxy, so a key's proxy is kept while the key is in use. */
        private final Cache<String, BucketProxy> kept = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000).build();

        /** On the pool itself: Bucket4j opens, commits and closes its own connections, outside any of ours. */
        SharedBuckets(DataSource dataSource, TimeMeter time) {
            this.time = time;
            this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table("rate_limit_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .clientClock(time)
                    .build();
        }

        @Override
        public ConsumptionProbe take(String key, Limit limit) {
            long version = version(limit);
            BucketProxy batched = kept.get(key + "#" + version, k -> builder(version).withOptimization(optimization(limit))
                    .build(key, () -> configuration(limit)));
            try {
                return batched.tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (!bucketMissing(e)) {
                    throw e;
                }
                // A batch of takes on a bucket that has no row yet fails as a whole instead of making the row (Bucket4j
                // 8.14); a take on its own makes it, and the batches after it find it.
                return builder(version).build(key, () -> configuration(limit)).tryConsumeAndReturnRemaining(1);
            }
        }

        /** Delaying (which batches too) for a large limit, batching alone for a small one. */
        private Optimization optimization(Limit limit) {
            if (limit.count() < DELAYED_FROM) {
                return Optimizations.batching();
            }
            long slack = limit.count() * SLACK_PERCENT / 100;
            return new DelayOptimization(new DelayParameters(slack, DELAY), NopeOptimizationListener.INSTANCE, time);
        }

        /**
         * A bucket kept under older settings is replaced by one of the current settings, its tokens carried over in
         * proportion, rather than living on until it refills.
         */
        private RemoteBucketBuilder<String> builder(long version) {
            return proxies.builder().withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.PROPORTIONALLY);
        }

        private static boolean bucketMissing(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BucketNotFoundException) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void removeExpired() {
            int removed;
            do {
                removed = proxies.removeExpired(1000);
            } while (removed == 1000);
        }
    }

    private static final class LocalBuckets implements Buckets {
        private final TimeMeter time;
        private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2))
                .maximumSize(200_000).build();

        LocalBuckets(TimeMeter time) {
            this.time = time;
        }

        @Override
        public ConsumptionProbe take(String key, Limit limit) {
            return buckets.get(key, k -> Bucket.builder().addLimit(bandwidth(limit)).withCustomTimePrecision(time).build())
                    .tryConsumeAndReturnRemaining(1);
        }

        @Override
        public void removeExpired() {
            buckets.cleanUp();
        }
    }

    /** The gateway's clock as Bucket4j's time, so tests that move the clock move the buckets' refill too. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}

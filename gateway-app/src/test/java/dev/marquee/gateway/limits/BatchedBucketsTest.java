package dev.marquee.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.db.SingleStatements;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Shared buckets with batched takes keep an exact count: two instances' buckets on one PostgreSQL database, hit by
 * many requests at once for one key, let through exactly the limit between them. The control run counts the same
 * traffic per instance, as in-memory buckets do: then each instance lets the limit through.
 */
@MicronautTest(environments = "test", transactional = false, startApplication = false)
@Property(name = "marquee.sync.enabled", value = "false")
class BatchedBucketsTest {
    private static final Limit LIMIT = new Limit("batched-test", 40, Duration.ofHours(1));
    private static final TimeMeter TIME = TimeMeter.SYSTEM_MILLISECONDS;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Inject
    SingleStatements statements;

    @Test
    void manyTakesAtOnceOnTwoInstancesGetExactlyTheLimitBetweenThem() throws Exception {
        RateLimits.SharedBuckets first = new RateLimits.SharedBuckets(resolver.resolve(dataSource), TIME);
        RateLimits.SharedBuckets second = new RateLimits.SharedBuckets(resolver.resolve(dataSource), TIME);

        int granted = race((key, limit) -> first.take(key, limit).isConsumed(), (key, limit) -> second.take(key, limit).isConsumed());

        assertThat(granted).isEqualTo(LIMIT.count());
    }

    @Test
    void controlRunCountedPerInstanceEachInstanceLetsTheLimitThrough() throws Exception {
        RateLimits first = RateLimits.inMemory(Clock.systemUTC());
        RateLimits second = RateLimits.inMemory(Clock.systemUTC());

        int granted = race((key, limit) -> first.take(limit, key).isEmpty(), (key, limit) -> second.take(limit, key).isEmpty());

        assertThat(granted).isEqualTo(2 * LIMIT.count());
    }

    private interface Take {
        boolean take(String key, Limit limit);
    }

    /** 200 takes of one fresh key at once, half through each instance; how many were granted. */
    private int race(Take first, Take second) throws Exception {
        String key = "batched-test:" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> takes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 200; i++) {
                Take instance = i % 2 == 0 ? first : second;
                takes.add(threads.submit(() -> {
                    start.await();
                    return instance.take(key, LIMIT);
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> take : takes) {
                granted += take.get() ? 1 : 0;
            }
            return granted;
        } finally {
            statements.write(c -> {
                try (var delete = c.prepareStatement("DELETE FROM rate_limit_buckets WHERE id = ?")) {
                    delete.setString(1, key);
                    return delete.executeUpdate();
                }
            });
        }
    }
}

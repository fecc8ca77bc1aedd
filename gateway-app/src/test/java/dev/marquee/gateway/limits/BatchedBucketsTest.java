package dev.marquee.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.db.SingleStatements;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Shared buckets with batched takes keep an exact count: two instances' buckets on one PostgreSQL database, hit by
 * many requests at once for one key, let through exactly the limit between them. The control run counts the same
 * traffic per instance, as in-memory buckets do: then each instance lets the limit through. A large limit is counted at
 * the database in shares of 1% per instance: it lets through at most that much more, for far fewer transactions.
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

    @Test
    void aLargeLimitIsCountedAtTheDatabaseInShares() throws Exception {
        Limit large = new Limit("delayed-test", 1000, Duration.ofHours(1));
        AtomicInteger transactions = new AtomicInteger();
        DataSource counted = counting(resolver.resolve(dataSource), transactions);
        RateLimits.SharedBuckets first = new RateLimits.SharedBuckets(counted, TIME);
        RateLimits.SharedBuckets second = new RateLimits.SharedBuckets(counted, TIME);

        // One take at a time, turn about: batching alone would make a transaction of each.
        String key = large.name() + ":" + UUID.randomUUID();
        int granted = 0;
        try {
            for (int i = 0; i < 1600; i++) {
                granted += (i % 2 == 0 ? first : second).take(key, large).isConsumed() ? 1 : 0;
            }
        } finally {
            forget(key);
        }

        // Each instance may take up to 1% of the limit (10) that the database has not been told of yet.
        assertThat(granted).isBetween(1000, 1000 + 2 * 10);
        assertThat(transactions.get()).isLessThan(1600 / 5);
    }

    /** A data source that counts the connections taken from it: Bucket4j takes one per transaction. */
    private static DataSource counting(DataSource target, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
            forget(key);
        }
    }

    private void forget(String key) {
        statements.write(c -> {
            try (var delete = c.prepareStatement("DELETE FROM rate_limit_buckets WHERE id = ?")) {
                delete.setString(1, key);
                return delete.executeUpdate();
            }
        });
    }
}

package dev.marquee.gateway.health;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link HealthCheck} in the background, one round every {@code marquee.health.interval}, and keeps the last
 * round's {@link HealthReport} for the health endpoints to serve. A balancer probing every second, or anyone at all,
 * thus costs no database or broker call, and a probe answers at once even while the database hangs: a check that has
 * not answered within {@code marquee.health.timeout} counts as DOWN, and is not started again until it returns.
 */
@Context
public class HealthChecks {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final List<HealthCheck> checks;
    private final Clock clock;
    private static final Duration NOT_READY_INTERVAL = Duration.ofSeconds(1);

    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService rounds;
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("health-check-", 0).factory());
    /** Checks still running from an earlier round; touched by the rounds' thread alone. */
    private final Map<String, Future<Component>> inFlight = new HashMap<>();
    private final AtomicLong roundsRun = new AtomicLong();
    private volatile HealthReport last = HealthReport.notCheckedYet();

    public HealthChecks(List<HealthCheck> checks, Clock clock,
                        @Value("${marquee.health.interval:5s}") Duration interval,
                        @Value("${marquee.health.timeout:3s}") Duration timeout) {
        if (interval.isNegative() || interval.isZero()) {
            throw new ConfigurationException("marquee.health.interval must be positive, got " + interval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("marquee.health.timeout must be positive, got " + timeout);
        }
        // Readiness first, then by name: the order /health lists them in.
        this.checks = checks.stream().sorted(Comparator.comparing((HealthCheck check) -> !check.neededForReadiness())
                .thenComparing(HealthCheck::name)).toList();
        this.clock = clock;
        this.timeout = timeout;
        this.interval = interval;
        this.rounds = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("health-checks").daemon(true).factory());
        rounds.execute(this::roundAndNext);
    }

    /**
     * One round, then the next after the interval; while not ready, after at most {@link #NOT_READY_INTERVAL}, so that
     * an instance is taken back (and a starting one taken in) as soon as its database and broker answer.
     */
    private void roundAndNext() {
        round();
        Duration next = last.ready() || interval.compareTo(NOT_READY_INTERVAL) < 0 ? interval : NOT_READY_INTERVAL;
        if (!rounds.isShutdown()) {
            rounds.schedule(this::roundAndNext, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The last round's report; {@link HealthReport#notCheckedYet()} until the first round ends. */
    public HealthReport current() {
        return last;
    }

    /** Rounds run since the start (one at the start, then one per interval): what a request never adds to. */
    public long roundsRun() {
        return roundsRun.get();
    }

    private void round() {
        try {
            Map<String, Future<Component>> running = new LinkedHashMap<>();
            for (HealthCheck check : checks) {
                running.put(check.name(), inFlight.computeIfAbsent(check.name(), name -> runner.submit(check::check)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, Component> components = new LinkedHashMap<>();
            running.forEach((name, future) -> components.put(name, outcome(name, future, deadline)));
            Set<String> readiness = checks.stream().filter(HealthCheck::neededForReadiness).map(HealthCheck::name)
                    .collect(Collectors.toSet());
            HealthReport report = new HealthReport(roundsRun.get() + 1, Optional.of(clock.instant()), components, readiness);
            logChange(last, report);
            last = report;
            roundsRun.incrementAndGet();
        } catch (RuntimeException e) {
            // The next round tries again; a thrown exception would end the schedule for good.
            LOG.warn("A round of health checks failed", e);
        }
    }

    private Component outcome(String name, Future<Component> future, long deadline) {
        try {
            Component component = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            inFlight.remove(name);
            return component;
        } catch (TimeoutException e) {
            // Left running: it is waited for again next round rather than started a second time.
            return Component.down("no answer within " + timeout);
        } catch (ExecutionException e) {
            inFlight.remove(name);
            return Component.down(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Component.down("interrupted");
        }
    }

    private static void logChange(HealthReport before, HealthReport now) {
        if (now.ready() && !before.ready()) {
            LOG.info("Ready: {}", summary(now.readinessOnly()));
        } else if (!now.ready() && (before.ready() || before.checkedAt().isEmpty())) {
            LOG.warn("Not ready: {}", summary(now.readinessOnly()));
        }
    }

    private static String summary(HealthReport report) {
        return report.components().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue().status()
                        + (entry.getValue().isUp() || entry.getValue().details().get("error") == null ? ""
                        : " (" + entry.getValue().details().get("error") + ")"))
                .collect(Collectors.joining(", "));
    }

    @PreDestroy
    void stop() {
        rounds.shutdownNow();
        runner.shutdownNow();
    }
}

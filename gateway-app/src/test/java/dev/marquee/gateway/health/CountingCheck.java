package dev.marquee.gateway.health;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A check that counts how often it ran, for the test that requests do not run checks. */
@Singleton
@Requires(property = "test.health.counting", value = "true")
final class CountingCheck implements HealthCheck {
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public boolean neededForReadiness() {
        return false;
    }

    @Override
    public Component check() {
        return Component.up(Map.of("runs", runs.incrementAndGet()));
    }
}

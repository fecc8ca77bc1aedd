package dev.marquee.gateway.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The instance's health as the last background round found it.
 *
 * @param round the round's number, 1 for the first: a later round checked after an earlier one ended, whatever the clock
 * @param checkedAt when the round ended; empty before the first
 * @param components each check's answer by name, in the order the checks were registered
 * @param readinessComponents the names whose DOWN makes the instance unready (the database, the broker)
 */
public record HealthReport(long round, Optional<Instant> checkedAt, Map<String, Component> components, Set<String> readinessComponents) {
    public HealthReport {
        Objects.requireNonNull(checkedAt, "checkedAt");
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        readinessComponents = Set.copyOf(readinessComponents);
    }

    /** Before the first round: not ready, since nothing is known. */
    public static HealthReport notCheckedYet() {
        return new HealthReport(0, Optional.empty(), Map.of(), Set.of());
    }

    /**
     * Ready to take traffic: checked, and every component readiness needs is UP. A chain that is down does not count:
     * its catalogue is served from its last good sync, and its seat maps and holds answer 503 on their own.
     */
    public boolean ready() {
        return checkedAt.isPresent() && readinessComponents.stream().allMatch(name -> {
            Component component = components.get(name);
            return component != null && component.isUp();
        });
    }

    /** Only the components readiness needs. */
    public HealthReport readinessOnly() {
        Map<String, Component> needed = new LinkedHashMap<>();
        components.forEach((name, component) -> {
            if (readinessComponents.contains(name)) {
                needed.put(name, component);
            }
        });
        return new HealthReport(round, checkedAt, needed, readinessComponents);
    }
}

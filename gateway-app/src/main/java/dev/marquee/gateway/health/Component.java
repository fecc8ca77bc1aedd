package dev.marquee.gateway.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One part of the instance's health as last checked.
 *
 * @param status UP, DOWN, or UNKNOWN (not checked yet, or nothing to say)
 * @param details what an operator needs to see (errors, internal addresses, counts): shown to the operator key alone
 */
public record Component(Status status, Map<String, Object> details) {
    public enum Status { UP, DOWN, UNKNOWN }

    public Component {
        Objects.requireNonNull(status, "status");
        // Details may hold nulls (a chain that never synced), which Map.copyOf refuses.
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }

    public static Component up(Map<String, Object> details) {
        return new Component(Status.UP, details);
    }

    /** DOWN, saying why. */
    public static Component down(String error) {
        return new Component(Status.DOWN, Map.of("error", error));
    }

    public boolean isUp() {
        return status == Status.UP;
    }
}

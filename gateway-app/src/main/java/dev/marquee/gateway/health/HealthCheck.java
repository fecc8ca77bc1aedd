package dev.marquee.gateway.health;

/**
 * A check that {@link HealthChecks} runs in the background, never inside a request. It may block (a database or
 * broker call): a check that has not answered within {@code marquee.health.timeout} counts as DOWN.
 */
public interface HealthCheck {
    /** The component's name in {@code /health}: {@code database}, {@code messaging}, … */
    String name();

    /** Whether the instance should take traffic only while this is UP. */
    boolean neededForReadiness();

    /** Checks now; an exception counts as DOWN with its message. */
    Component check() throws Exception;
}

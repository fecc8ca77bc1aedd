package dev.marquee.sandbox.faults;

import dev.marquee.sandbox.SandboxConfig;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the faults in force and decides, per theatre-API request, what happens to it. Draws come from
 * one generator reseeded whenever the faults change, so a test that sends the same requests in the same
 * order after setting faults sees the same failures.
 */
@Singleton
public class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    static final String LOCKS_PATH = "/theatre/v1/locks";

    private final long defaultSeed;
    private Faults faults;
    private Random random;

    public FaultInjector(SandboxConfig config, @Nullable @Property(name = "sandbox.faults.seed") Long seed) {
        this.defaultSeed = seed != null ? seed : config.seed();
        apply(Faults.none(defaultSeed));
    }

    /** The seed draws come from when a change does not name one ({@code sandbox.faults.seed}, else {@code sandbox.seed}). */
    public long defaultSeed() {
        return defaultSeed;
    }

    public synchronized Faults current() {
        return faults;
    }

    /** Puts these faults in force and restarts the draws from their seed. */
    public synchronized Faults apply(Faults next) {
        this.faults = next;
        this.random = new Random(next.seed());
        if (next.any()) {
            LOG.info("Fault injection on the theatre API: {}", next);
        } else {
            LOG.info("Fault injection off");
        }
        return next;
    }

    /** Back to normal. */
    public Faults clear() {
        return apply(Faults.none(defaultSeed));
    }

    /** What happens to one theatre-API request. */
    public synchronized Verdict judge(HttpMethod method, String path) {
        Faults now = faults;
        if (!now.any()) {
            return Verdict.PROCEED;
        }
        long delay = now.latencyMs() + (now.latencyJitterMs() > 0 ? random.nextLong(now.latencyJitterMs() + 1) : 0);
        Action action = Action.PROCEED;
        String reason = null;
        if (now.outage()) {
            action = now.outageMode() == Faults.OutageMode.REFUSE ? Action.REFUSE : Action.UNAVAILABLE;
            reason = "outage";
        } else if (now.refuseLocks() && method == HttpMethod.POST && LOCKS_PATH.equals(path)) {
            action = Action.UNAVAILABLE;
            reason = "locks refused";
        } else if (now.errorRate() > 0 && random.nextDouble() < now.errorRate()) {
            action = Action.UNAVAILABLE;
            reason = "error rate " + now.errorRate();
        }
        if (action != Action.PROCEED || delay > 0) {
            LOG.debug("{} {}: {} after {} ms ({})", method, path, action, delay, reason);
        }
        return new Verdict(Duration.ofMillis(delay), action, reason);
    }

    /** What to do with a request. */
    public enum Action {
        PROCEED, UNAVAILABLE, REFUSE
    }

    /**
     * @param delay how long to wait first
     * @param action then what
     * @param reason which fault decided it, for the answer's detail; null when it proceeds unharmed
     */
    public record Verdict(Duration delay, Action action, @Nullable String reason) {
        static final Verdict PROCEED = new Verdict(Duration.ZERO, Action.PROCEED, null);
    }
}

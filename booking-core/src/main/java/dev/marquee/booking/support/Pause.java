package dev.marquee.booking.support;

import java.time.Duration;

/** Waiting a moment before looking again; tests move their clock instead of sleeping. */
@FunctionalInterface
public interface Pause {
    void pause(Duration duration);

    /** Sleeps the current thread. */
    Pause SLEEP = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    };
}

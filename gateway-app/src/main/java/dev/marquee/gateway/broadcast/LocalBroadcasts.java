package dev.marquee.gateway.broadcast;

import java.time.Duration;

/** Broadcasts within this instance alone: the embedded default, one instance on its own database. */
final class LocalBroadcasts implements Broadcasts {
    /** Nothing is ever missed here; the look is a last resort against a change that announced nothing. */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

    private final Watchers watchers = new Watchers();

    @Override
    public void announce(Topic topic, String key) {
        watchers.deliver(topic, key);
    }

    @Override
    public Watch watch(Topic topic, String key, Runnable onChange) {
        return watchers.add(topic, key, onChange);
    }

    @Override
    public Duration lookAgainAfter() {
        return LOOK_AGAIN;
    }
}

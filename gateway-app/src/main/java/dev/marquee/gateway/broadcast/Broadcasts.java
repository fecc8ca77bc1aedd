package dev.marquee.gateway.broadcast;

import java.time.Duration;

/**
 * Changes told to every gateway instance at once, so that whichever instance holds a customer's long-poll or event
 * stream wakes it when another instance made the change, instead of every open connection reading the database
 * again and again. A broadcast says only what changed (a topic and a show); watchers read the state themselves, from
 * the database every instance shares. A broadcast may be lost (an instance's listening connection breaks), so
 * watchers still look for themselves every {@link #lookAgainAfter()}.
 */
public interface Broadcasts {

    /** Tells every instance, this one included, that something under the topic and key changed; call after the change committed. */
    void announce(Topic topic, String key);

    /** Calls {@code onChange} whenever the topic and key are announced by any instance, until the watch is closed; it must return quickly. */
    Watch watch(Topic topic, String key, Runnable onChange);

    /** How long a watcher may wait for a broadcast before it reads the state anyway: longer while broadcasts are heard. */
    Duration lookAgainAfter();

    /** Stops hearing other instances. */
    default void close() {
    }

    /** An open watch. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}

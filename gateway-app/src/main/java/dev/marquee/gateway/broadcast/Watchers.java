package dev.marquee.gateway.broadcast;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This instance's watches by topic and key, and their delivery. */
final class Watchers {
    private static final Logger LOG = LoggerFactory.getLogger(Watchers.class);

    private final Map<String, Set<Runnable>> byKey = new ConcurrentHashMap<>();

    Broadcasts.Watch add(Topic topic, String key, Runnable onChange) {
        String name = name(topic, key);
        byKey.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(onChange);
        return () -> byKey.computeIfPresent(name, (k, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    void deliver(Topic topic, String key) {
        Set<Runnable> watching = byKey.get(name(topic, key));
        if (watching == null) {
            return;
        }
        for (Runnable onChange : watching) {
            try {
                onChange.run();
            } catch (RuntimeException e) {
                LOG.warn("A watcher of {} {} failed on a change; the others are still told", topic, key, e);
            }
        }
    }

    int size() {
        return byKey.values().stream().mapToInt(Set::size).sum();
    }

    private static String name(Topic topic, String key) {
        return topic.code + "|" + key;
    }
}

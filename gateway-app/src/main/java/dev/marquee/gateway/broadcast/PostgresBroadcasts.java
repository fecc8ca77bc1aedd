package dev.marquee.gateway.broadcast;

import dev.marquee.gateway.db.PostgresListener;
import dev.marquee.gateway.db.SingleStatements;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts over PostgreSQL LISTEN/NOTIFY, the database every instance already shares: each instance listens on
 * a connection of its own (outside the pool). An announcement reaches this instance's watchers at once and the
 * others' through a notice {@code <instance>|<topic>|<key>}; an instance ignores its own notices. When the
 * listening connection breaks, watchers look for themselves every second until it is back.
 */
final class PostgresBroadcasts implements Broadcasts {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBroadcasts.class);
    static final String CHANNEL = "marquee_changes";
    private static final Duration LOOK_AGAIN_WHILE_HEARD = Duration.ofSeconds(5);
    private static final Duration LOOK_AGAIN_WHILE_DEAF = Duration.ofSeconds(1);

    private final String instance;
    private final SingleStatements statements;
    private final Watchers watchers = new Watchers();
    private final PostgresListener listener;

    PostgresBroadcasts(String instance, String url, String user, String password, SingleStatements statements) {
        this.instance = instance;
        this.statements = statements;
        this.listener = new PostgresListener("broadcasts", CHANNEL, url, user, password, new PostgresListener.Handler() {
            @Override
            public void listening() {
                // Changes made while this instance was not listening are found by the watchers' own looks.
            }

            @Override
            public void notices(PGNotification[] notices) {
                for (PGNotification notice : notices) {
                    heard(notice.getParameter());
                }
            }
        }, "Listening for other instances' changes failed; watchers look for themselves every "
                + LOOK_AGAIN_WHILE_DEAF.toSeconds() + " s until it works");
        listener.start();
    }

    @Override
    public void announce(Topic topic, String key) {
        watchers.deliver(topic, key);
        try {
            statements.write(c -> {
                try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                    notify.setString(1, instance + "|" + topic.code + "|" + key);
                    notify.execute();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Telling the other instances of a change to {} {} failed; their watchers find it on their next look",
                    topic, key, e);
        }
    }

    @Override
    public Watch watch(Topic topic, String key, Runnable onChange) {
        return watchers.add(topic, key, onChange);
    }

    @Override
    public Duration lookAgainAfter() {
        return listener.listening() ? LOOK_AGAIN_WHILE_HEARD : LOOK_AGAIN_WHILE_DEAF;
    }

    private void heard(String payload) {
        String[] parts = payload.split("\\|", 3);
        if (parts.length != 3 || parts[0].equals(instance)) {
            return;
        }
        Topic topic = Topic.ofCode(parts[1]);
        if (topic != null) {
            watchers.deliver(topic, parts[2]);
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}

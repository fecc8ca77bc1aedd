package dev.marquee.gateway.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on a PostgreSQL channel on a connection of its own (outside the pool, which would hand it to others) and
 * hands on what arrives, on a thread of its own. When the connection breaks it says so ({@link #listening()} turns
 * false), waits a second and connects again.
 */
public final class PostgresListener {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    private static final int POLL_MILLIS = 500;

    /** What the listener does with its channel. Its methods run on the listener's thread, one at a time. */
    public interface Handler {
        /** Listening (again): notices sent from now on arrive; earlier ones may have been missed. */
        void listening();

        /** Notices that arrived, in the order they were sent. */
        void notices(PGNotification[] notices);

        /** After each wait for notices (at most half a second), whether any came or not. */
        default void polled() {
        }
    }

    private final String channel;
    private final String url;
    private final String user;
    private final String password;
    private final Handler handler;
    private final String brokenMessage;
    private final Thread thread;
    private volatile boolean listening;
    private volatile boolean running = true;

    /**
     * @param brokenMessage logged at WARN, with the failure, when the connection breaks: what the instance does meanwhile
     */
    public PostgresListener(String threadName, String channel, String url, String user, String password, Handler handler,
            String brokenMessage) {
        this.channel = channel;
        this.url = url;
        this.user = user;
        this.password = password;
        this.handler = handler;
        this.brokenMessage = brokenMessage;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::loop);
    }

    public void start() {
        if (!thread.isAlive()) {
            thread.start();
        }
    }

    /** Whether notices arrive now. */
    public boolean listening() {
        return listening;
    }

    public void close() {
        running = false;
        thread.interrupt();
    }

    private void loop() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                handler.listening();
                listening = true;
                while (running) {
                    PGNotification[] notices = pg.getNotifications(POLL_MILLIS);
                    if (notices != null && notices.length > 0) {
                        handler.notices(notices);
                    }
                    handler.polled();
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    LOG.warn(brokenMessage, e);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

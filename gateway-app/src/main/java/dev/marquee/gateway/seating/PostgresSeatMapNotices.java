package dev.marquee.gateway.seating;

import dev.marquee.gateway.db.PostgresListener;
import dev.marquee.gateway.db.SingleStatements;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seat map announcements over PostgreSQL LISTEN/NOTIFY on one channel. Every instance listens on a
 * connection of its own (outside the pool) and says hello every second, so each knows which others are
 * listening. An announcement ({@code change}) is answered by each listener once it has applied the change
 * ({@code ack}); {@link #announce} waits for the acknowledgements of every instance heard from in the
 * last {@value #PEER_SILENCE_SECONDS} seconds, up to the configured wait. So when a hold's 201 leaves, every
 * live instance's seat map already shows its seats held.
 *
 * <p>Payloads: hello {@code h|<instance>}, change {@code c|<instance>|<seq>|<showId>}, acknowledgement
 * {@code a|<announcer>|<seq>|<from>}, goodbye {@code b|<instance>} (on shutdown).
 */
final class PostgresSeatMapNotices implements SeatMapNotices {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSeatMapNotices.class);
    static final String CHANNEL = "marquee_seat_maps";
    private static final long HELLO_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int PEER_SILENCE_SECONDS = 3;

    private final String instance;
    private final SingleStatements statements;
    private final Duration peerWait;
    private final Map<String, Long> peersHeardAt = new ConcurrentHashMap<>();
    private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final PostgresListener connection;
    private volatile Listener listener;
    private long lastHello;

    PostgresSeatMapNotices(String instance, String url, String user, String password, SingleStatements statements,
            Duration peerWait) {
        this.instance = instance;
        this.statements = statements;
        this.peerWait = peerWait;
        this.connection = new PostgresListener("seat-map-notices", CHANNEL, url, user, password, new PostgresListener.Handler() {
            @Override
            public void listening() {
                hello();
                Listener current = listener;
                if (current != null) {
                    current.mayHaveMissedChanges();
                }
                LOG.info("Listening for seat map changes of other instances as {}", instance);
            }

            @Override
            public void notices(PGNotification[] notices) {
                handle(notices);
            }

            @Override
            public void polled() {
                if (System.nanoTime() - lastHello > HELLO_EVERY_NANOS) {
                    hello();
                }
            }
        }, "Listening for seat map changes failed; maps are read afresh until it works again");
    }

    @Override
    public void listen(Listener listener) {
        this.listener = listener;
        connection.start();
    }

    @Override
    public boolean listening() {
        return connection.listening();
    }

    @Override
    public void announce(String showId) {
        Announced announced;
        try {
            announced = prepare(showId);
        } catch (RuntimeException e) {
            LOG.warn("Announcing the seat change of show {} to other instances failed", showId, e);
            return;
        }
        announced.awaitApplied();
    }

    /**
     * The wait is registered before the notice is written, so an acknowledgement arriving the moment the caller's
     * transaction commits is not missed.
     */
    @Override
    public Announced prepare(String showId) {
        long seq = sequence.incrementAndGet();
        Set<String> peers = livePeers();
        Waiting wait = peers.isEmpty() ? null : new Waiting(peers);
        if (wait != null) {
            waiting.put(seq, wait);
        }
        try {
            notify("c|" + instance + "|" + seq + "|" + showId);
        } catch (RuntimeException e) {
            waiting.remove(seq);
            throw e;
        }
        return new Announced() {
            @Override
            public void awaitApplied() {
                try {
                    if (wait != null && !wait.done.await(peerWait.toMillis(), TimeUnit.MILLISECONDS)) {
                        LOG.warn("Instances {} did not confirm the seat change of show {} within {}; they may serve it late",
                                wait.missing(), showId, peerWait);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    waiting.remove(seq);
                }
            }

            @Override
            public void abandon() {
                waiting.remove(seq);
            }
        };
    }

    private Set<String> livePeers() {
        long now = System.nanoTime();
        Set<String> live = new LinkedHashSet<>();
        peersHeardAt.forEach((peer, at) -> {
            if (now - at < TimeUnit.SECONDS.toNanos(PEER_SILENCE_SECONDS)) {
                live.add(peer);
            }
        });
        return live;
    }

    private void notify(String... payloads) {
        statements.write(c -> {
            try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                for (String payload : payloads) {
                    notify.setString(1, payload);
                    notify.execute();
                }
            }
            return null;
        });
    }

    private void hello() {
        lastHello = System.nanoTime();
        notify("h|" + instance);
    }

    /** Applies each show's changes once per batch, then acknowledges every announcement of the batch. */
    private void handle(PGNotification[] notices) {
        Map<String, List<String>> acksByShow = new LinkedHashMap<>();
        for (PGNotification notice : notices) {
            String[] parts = notice.getParameter().split("\\|", 4);
            switch (parts[0]) {
                case "h" -> {
                    if (parts.length >= 2) {
                        heard(parts[1]);
                    }
                }
                case "c" -> {
                    if (parts.length == 4 && !parts[1].equals(instance)) {
                        heard(parts[1]);
                        acksByShow.computeIfAbsent(parts[3], show -> new ArrayList<>())
                                .add("a|" + parts[1] + "|" + parts[2] + "|" + instance);
                    }
                }
                case "b" -> {
                    if (parts.length >= 2) {
                        peersHeardAt.remove(parts[1]);
                    }
                }
                case "a" -> {
                    if (parts.length == 4 && parts[1].equals(instance)) {
                        heard(parts[3]);
                        acknowledged(parts);
                    }
                }
                default -> LOG.debug("Ignoring a seat map notice {}", notice.getParameter());
            }
        }
        Listener current = listener;
        List<String> acks = new ArrayList<>();
        acksByShow.forEach((showId, showAcks) -> {
            if (current != null) {
                current.changedElsewhere(showId);
            }
            acks.addAll(showAcks);
        });
        if (!acks.isEmpty()) {
            notify(acks.toArray(String[]::new));
        }
    }

    private void heard(String peer) {
        if (!peer.equals(instance)) {
            peersHeardAt.put(peer, System.nanoTime());
        }
    }

    private void acknowledged(String[] parts) {
        try {
            Waiting wait = waiting.get(Long.parseLong(parts[2]));
            if (wait != null) {
                wait.acknowledgedBy(parts[3]);
            }
        } catch (NumberFormatException e) {
            LOG.debug("Ignoring a malformed seat map acknowledgement {}", String.join("|", parts));
        }
    }

    @Override
    public void close() {
        connection.close();
        try {
            // So that the others stop waiting for this instance's acknowledgements at once, not after its silence.
            notify("b|" + instance);
        } catch (RuntimeException e) {
            LOG.debug("Saying goodbye to the other instances failed; they stop waiting for this one after {} s",
                    PEER_SILENCE_SECONDS, e);
        }
    }

    private static final class Waiting {
        private final Set<String> missing = ConcurrentHashMap.newKeySet();
        final CountDownLatch done = new CountDownLatch(1);

        Waiting(Set<String> peers) {
            missing.addAll(peers);
        }

        void acknowledgedBy(String peer) {
            missing.remove(peer);
            if (missing.isEmpty()) {
                done.countDown();
            }
        }

        Set<String> missing() {
            return Set.copyOf(missing);
        }
    }
}

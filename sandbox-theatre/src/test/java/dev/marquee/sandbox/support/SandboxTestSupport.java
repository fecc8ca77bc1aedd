package dev.marquee.sandbox.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.contracts.sandbox.SandboxAdmin;
import dev.marquee.sandbox.Database;
import dev.marquee.sandbox.catalog.CatalogService;
import dev.marquee.sandbox.faults.FaultInjector;
import dev.marquee.sandbox.payments.Payments;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * What sandbox integration tests share: HTTP clients, the test clock, and known data (no faults, no
 * payments, normal webhook deliveries) before each test.
 */
public abstract class SandboxTestSupport {
    @Inject
    protected EmbeddedServer server;
    @Inject
    protected CatalogService catalog;
    @Inject
    protected TestClock clock;
    @Inject
    protected Database database;
    @Inject
    protected FaultInjector faults;
    @Inject
    protected Payments payments;

    protected TheatreHttp http;
    protected SandboxAdmin admin;

    @BeforeEach
    void startFromKnownData() {
        clock.reset();
        faults.clear();
        catalog.regenerate();
        payments.reset();
        URI base = URI.create("http://127.0.0.1:" + server.getPort());
        http = new TheatreHttp(base);
        admin = new SandboxAdmin(base);
    }

    /** A future, scheduled show and its hall's seat ids, from the database. */
    protected record ShowSeats(String showId, String hallId, List<String> seatIds) {
    }

    protected ShowSeats aShow() {
        return aShow(0);
    }

    /** The n-th future show (by start time) with its hall's seats in layout order. */
    protected ShowSeats aShow(int n) {
        String showId = database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM shows WHERE status = 'SCHEDULED' AND starts_at > ? ORDER BY starts_at, id"
                            + " LIMIT 1 OFFSET ?")) {
                ps.setObject(1, clock.instant().plusSeconds(3600).atOffset(java.time.ZoneOffset.UTC));
                ps.setInt(2, n);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        return showWithId(showId);
    }

    /** The show with this id and its hall's seats in layout order. */
    protected ShowSeats showWithId(String showId) {
        return database.inTransaction(c -> {
            String hallId;
            try (PreparedStatement ps = c.prepareStatement("SELECT hall_id FROM shows WHERE id = ?")) {
                ps.setString(1, showId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    hallId = rs.getString(1);
                }
            }
            List<String> seats = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM seats WHERE hall_id = ? ORDER BY y, x")) {
                ps.setString(1, hallId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seats.add(rs.getString(1));
                    }
                }
            }
            return new ShowSeats(showId, hallId, seats);
        });
    }

    protected Instant startOf(String showId) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT starts_at FROM shows WHERE id = ?")) {
                ps.setString(1, showId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                }
            }
        });
    }

    protected TheatreHttp.Answer lock(String showId, List<String> seatIds, String reference) {
        return http.post("/theatre/v1/locks", TheatreHttp.json(Map.of("showId", showId, "seatIds", seatIds, "reference", reference)));
    }

    protected TheatreHttp.Answer confirm(String lockId, String reference) {
        return http.post("/theatre/v1/locks/" + lockId + "/confirm", TheatreHttp.json(Map.of("reference", reference)));
    }

    protected List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}

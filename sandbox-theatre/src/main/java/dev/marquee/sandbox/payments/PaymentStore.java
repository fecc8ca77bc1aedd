package dev.marquee.sandbox.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of payments, refunds and webhook events (db/migration/V2__payments.sql). */
final class PaymentStore {
    private static final String SELECT_PAYMENT = "SELECT p.id, p.reference, p.status, p.amount_minor, p.currency,"
            + " p.description, p.customer_email, p.notify_url, p.return_url, p.created_at, p.paid_at,"
            + " r.id, r.status, r.reason, r.created_at, r.succeeded_at"
            + " FROM payment_payments p LEFT JOIN payment_refunds r ON r.payment_id = p.id";

    private PaymentStore() {
    }

    /** A webhook event as stored, with how far its delivery got. */
    record StoredEvent(String eventId, String type, String paymentId, String body, String notifyUrl, Instant notBefore,
            int attempts) {
    }

    static void insert(Connection c, Payment payment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment_payments (id, reference, status, amount_minor,"
                + " currency, description, customer_email, notify_url, return_url, created_at, paid_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, payment.paymentId());
            ps.setString(2, payment.reference());
            ps.setString(3, payment.status().name());
            ps.setLong(4, payment.amountMinor());
            ps.setString(5, payment.currency());
            ps.setString(6, payment.description());
            ps.setString(7, payment.customerEmail());
            ps.setString(8, payment.notifyUrl());
            ps.setString(9, payment.returnUrl());
            ps.setObject(10, utc(payment.createdAt()));
            setInstant(ps, 11, payment.paidAt());
            ps.executeUpdate();
        }
    }

    /** The payment, its row locked until the transaction ends when {@code forUpdate}. */
    static Optional<Payment> find(Connection c, String paymentId, boolean forUpdate) throws SQLException {
        if (forUpdate) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM payment_payments WHERE id = ? FOR UPDATE")) {
                ps.setString(1, paymentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
        }
        return one(c, SELECT_PAYMENT + " WHERE p.id = ?", paymentId);
    }

    static Optional<Payment> findByReference(Connection c, String reference) throws SQLException {
        return one(c, SELECT_PAYMENT + " WHERE p.reference = ?", reference);
    }

    static void setStatus(Connection c, String paymentId, PaymentStatus status, Instant paidAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE payment_payments SET status = ?, paid_at = COALESCE(?, paid_at) WHERE id = ?")) {
            ps.setString(1, status.name());
            setInstant(ps, 2, paidAt);
            ps.setString(3, paymentId);
            ps.executeUpdate();
        }
    }

    static void insertRefund(Connection c, Payment.Refund refund) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment_refunds (id, payment_id, status, reason, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, refund.refundId());
            ps.setString(2, refund.paymentId());
            ps.setString(3, refund.status().name());
            ps.setString(4, refund.reason());
            ps.setObject(5, utc(refund.createdAt()));
            ps.executeUpdate();
        }
    }

    static void refundSucceeded(Connection c, String refundId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE payment_refunds SET status = 'SUCCEEDED', succeeded_at = ? WHERE id = ?")) {
            ps.setObject(1, utc(at));
            ps.setString(2, refundId);
            ps.executeUpdate();
        }
    }

    /** Payment ids of refunds still PENDING, oldest first. */
    static List<String> paymentsWithPendingRefunds(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT payment_id FROM payment_refunds WHERE status = 'PENDING' ORDER BY created_at")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    static void insertEvent(Connection c, StoredEvent event, Instant createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment_events (id, payment_id, type, body, notify_url,"
                + " created_at, not_before) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, event.eventId());
            ps.setString(2, event.paymentId());
            ps.setString(3, event.type());
            ps.setString(4, event.body());
            ps.setString(5, event.notifyUrl());
            ps.setObject(6, utc(createdAt));
            ps.setObject(7, utc(event.notBefore()));
            ps.executeUpdate();
        }
    }

    /** Records one delivery attempt's outcome. */
    static void recordAttempt(Connection c, String eventId, int attempts, Integer lastStatus, String lastError,
            Instant deliveredAt, boolean gaveUp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE payment_events SET attempts = ?, last_status = ?,"
                + " last_error = ?, delivered_at = ?, gave_up = ? WHERE id = ?")) {
            ps.setInt(1, attempts);
            if (lastStatus == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, lastStatus);
            }
            ps.setString(3, lastError == null ? null : truncate(lastError, 500));
            setInstant(ps, 4, deliveredAt);
            ps.setBoolean(5, gaveUp);
            ps.setString(6, eventId);
            ps.executeUpdate();
        }
    }

    /** Events neither delivered nor given up, oldest first. */
    static List<StoredEvent> undelivered(Connection c) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, type, payment_id, body, notify_url, not_before, attempts"
                        + " FROM payment_events WHERE delivered_at IS NULL AND gave_up = FALSE ORDER BY created_at, id")) {
            while (rs.next()) {
                events.add(new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs, 6), rs.getInt(7)));
            }
        }
        return events;
    }

    /** Deletes every payment, refund and event. */
    static void clear(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.executeUpdate("DELETE FROM payment_events");
            statement.executeUpdate("DELETE FROM payment_refunds");
            statement.executeUpdate("DELETE FROM payment_payments");
        }
    }

    private static Optional<Payment> one(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(payment(rs)) : Optional.empty();
            }
        }
    }

    private static Payment payment(ResultSet rs) throws SQLException {
        String paymentId = rs.getString(1);
        Payment.Refund refund = rs.getString(12) == null ? null : new Payment.Refund(rs.getString(12), paymentId,
                Payment.RefundStatus.valueOf(rs.getString(13)), rs.getString(14), instant(rs, 15), instant(rs, 16));
        return new Payment(paymentId, rs.getString(2), PaymentStatus.valueOf(rs.getString(3)), rs.getLong(4),
                rs.getString(5).trim(), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                instant(rs, 11), refund);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, utc(value));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

-- A booking: a checked-out hold on its way through payment and confirmation at the chain.
CREATE TABLE bookings (
    id               VARCHAR(40) PRIMARY KEY,
    hold_id          VARCHAR(40) NOT NULL UNIQUE REFERENCES holds (id),
    show_id          VARCHAR(250) NOT NULL,
    chain_id         VARCHAR(40) NOT NULL,
    email            VARCHAR(320) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    status_reason    VARCHAR(500),
    amount           DECIMAL(12, 2) NOT NULL,
    currency         VARCHAR(3) NOT NULL,
    token_hash       VARCHAR(64) NOT NULL,
    payment_id       VARCHAR(100),
    payment_url      VARCHAR(1000),
    -- The chain's lock the booking confirms: the hold's, or a new one when payment came after the hold expired.
    lock_ref         VARCHAR(200) NOT NULL,
    chain_booking_ref VARCHAR(200),
    refund_id        VARCHAR(100),
    -- What the tickets and emails say, captured at checkout so they do not change with later syncs.
    movie_title      VARCHAR(500) NOT NULL,
    cinema_id        VARCHAR(250) NOT NULL,
    cinema_name      VARCHAR(500) NOT NULL,
    hall_name        VARCHAR(200) NOT NULL,
    starts_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bookings_status ON bookings (status, changed_at);
CREATE UNIQUE INDEX bookings_payment ON bookings (payment_id);

-- One ticket per booked seat; its QR payload is signed by the gateway so a venue can check it offline.
CREATE TABLE tickets (
    id               VARCHAR(40) PRIMARY KEY,
    booking_id       VARCHAR(40) NOT NULL REFERENCES bookings (id),
    seat_id          VARCHAR(100) NOT NULL,
    seat_label       VARCHAR(40) NOT NULL,
    chain_ticket_ref VARCHAR(200),
    qr_payload       VARCHAR(2000) NOT NULL,
    -- VALID, USED (checked in) or VOID (booking cancelled or refunded).
    status           VARCHAR(10) NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_in_at    TIMESTAMP WITH TIME ZONE,
    UNIQUE (booking_id, seat_id)
);

-- Payment provider events already taken in, so a webhook delivered twice is acted on once.
CREATE TABLE payment_events (
    event_id     VARCHAR(100) PRIMARY KEY,
    event_type   VARCHAR(40) NOT NULL,
    payment_id   VARCHAR(100) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

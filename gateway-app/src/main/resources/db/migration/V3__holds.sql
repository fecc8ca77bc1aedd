-- Seat holds: seats locked at a chain for one person for a few minutes.
CREATE TABLE holds (
    id               VARCHAR(40) PRIMARY KEY,
    show_id          VARCHAR(250) NOT NULL,
    chain_id         VARCHAR(40) NOT NULL,
    email            VARCHAR(320) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    lock_ref         VARCHAR(200) NOT NULL,
    token_hash       VARCHAR(64) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    chain_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX holds_due ON holds (status, expires_at);
CREATE INDEX holds_show_email ON holds (show_id, email, status);

CREATE TABLE hold_seats (
    hold_id  VARCHAR(40) NOT NULL REFERENCES holds (id),
    seat_id  VARCHAR(100) NOT NULL,
    row_label VARCHAR(20) NOT NULL,
    seat_number INT NOT NULL,
    category VARCHAR(60) NOT NULL,
    price    DECIMAL(12, 2) NOT NULL,
    currency VARCHAR(3) NOT NULL,
    PRIMARY KEY (hold_id, seat_id)
);

-- The first answer to each idempotency key, replayed for repeats of the same request.
CREATE TABLE idempotency_keys (
    idem_key        VARCHAR(255) PRIMARY KEY,
    request_hash    VARCHAR(64) NOT NULL,
    resource_id     VARCHAR(40) NOT NULL,
    state           VARCHAR(20) NOT NULL,
    response_status INT,
    response_body   TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

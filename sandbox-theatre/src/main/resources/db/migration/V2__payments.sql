-- The sandbox payment provider's own tables (contracts/payment-provider-api.yaml). They are not part of
-- the theatre chain's published schema (V1, contracts/sandbox-schema.sql): a JDBC adapter never reads
-- them, and the sandbox is free to change them.
--
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE payment_payments (
    id             VARCHAR(40)   NOT NULL PRIMARY KEY,
    reference      VARCHAR(100)  NOT NULL UNIQUE,
    status         VARCHAR(12)   NOT NULL CHECK (status IN ('OPEN', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
    amount_minor   BIGINT        NOT NULL CHECK (amount_minor > 0),
    currency       CHAR(3)       NOT NULL,
    description    VARCHAR(500)  NOT NULL,
    customer_email VARCHAR(320)  NOT NULL,
    notify_url     VARCHAR(2000) NOT NULL,
    return_url     VARCHAR(2000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    paid_at        TIMESTAMP WITH TIME ZONE
);

-- Full refunds only, so at most one per payment.
CREATE TABLE payment_refunds (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    payment_id   VARCHAR(40)  NOT NULL UNIQUE REFERENCES payment_payments (id),
    status       VARCHAR(12)  NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED')),
    reason       VARCHAR(500) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    succeeded_at TIMESTAMP WITH TIME ZONE
);

-- Webhook events, written in the same transaction as the change they tell of, and their delivery.
-- A sandbox that restarts carries on delivering those neither delivered nor given up.
CREATE TABLE payment_events (
    id           VARCHAR(40)   NOT NULL PRIMARY KEY,
    payment_id   VARCHAR(40)   NOT NULL REFERENCES payment_payments (id),
    type         VARCHAR(32)   NOT NULL,
    body         TEXT          NOT NULL,
    notify_url   VARCHAR(2000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    not_before   TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts     INTEGER       NOT NULL DEFAULT 0,
    last_status  INTEGER,
    last_error   VARCHAR(500),
    delivered_at TIMESTAMP WITH TIME ZONE,
    gave_up      BOOLEAN       NOT NULL DEFAULT FALSE
);

CREATE INDEX payment_events_pending ON payment_events (delivered_at, gave_up);

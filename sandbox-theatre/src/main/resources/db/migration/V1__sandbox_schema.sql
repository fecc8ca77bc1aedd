-- The sandbox theatre's database: one theatre chain's catalogue, seat locks and bookings.
--
-- This file is a contract. The sandbox applies it as its Flyway migration
-- (sandbox-theatre/src/main/resources/db/migration/V1__sandbox_schema.sql is an exact copy, checked by a
-- test), and the JDBC adapter reads and writes these tables directly. sandbox-schema.md describes every
-- table and the transactions that lock, release, confirm and cancel.
--
-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

-- Every change to a catalogue row (and every change of a show's occupancy) takes the next value.
CREATE SEQUENCE catalog_revision START WITH 1 INCREMENT BY 1;
-- Numbers of shows added after generation.
CREATE SEQUENCE show_number START WITH 1 INCREMENT BY 1;

CREATE TABLE chain (
    id           INTEGER      NOT NULL PRIMARY KEY CHECK (id = 1),
    name         VARCHAR(100) NOT NULL,
    seed         BIGINT       NOT NULL,
    size         VARCHAR(10)  NOT NULL,
    currency     CHAR(3)      NOT NULL,
    generated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE cities (
    id           VARCHAR(64)      NOT NULL PRIMARY KEY,
    name         VARCHAR(100)     NOT NULL,
    country_code CHAR(2)          NOT NULL,
    time_zone    VARCHAR(64)      NOT NULL,
    latitude     DOUBLE PRECISION NOT NULL,
    longitude    DOUBLE PRECISION NOT NULL,
    revision     BIGINT           NOT NULL
);

CREATE TABLE cinemas (
    id        VARCHAR(64)      NOT NULL PRIMARY KEY,
    city_id   VARCHAR(64)      NOT NULL REFERENCES cities (id),
    name      VARCHAR(200)     NOT NULL,
    address   VARCHAR(300)     NOT NULL,
    latitude  DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    revision  BIGINT           NOT NULL
);

CREATE TABLE halls (
    id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    cinema_id VARCHAR(64)  NOT NULL REFERENCES cinemas (id),
    name      VARCHAR(100) NOT NULL,
    capacity  INTEGER      NOT NULL,
    revision  BIGINT       NOT NULL
);

CREATE TABLE seats (
    hall_id     VARCHAR(64) NOT NULL REFERENCES halls (id),
    id          VARCHAR(16) NOT NULL,
    row_label   VARCHAR(4)  NOT NULL,
    seat_number INTEGER     NOT NULL,
    x           INTEGER     NOT NULL,
    y           INTEGER     NOT NULL,
    category    VARCHAR(20) NOT NULL,
    PRIMARY KEY (hall_id, id)
);

CREATE TABLE movies (
    id                VARCHAR(100)  NOT NULL PRIMARY KEY,
    title             VARCHAR(200)  NOT NULL,
    description       VARCHAR(2000) NOT NULL,
    genres            VARCHAR(300)  NOT NULL,
    runtime_minutes   INTEGER       NOT NULL,
    rating            VARCHAR(10)   NOT NULL,
    original_language VARCHAR(8)    NOT NULL,
    release_date      DATE,
    poster_url        VARCHAR(300),
    trailer_url       VARCHAR(300),
    revision          BIGINT        NOT NULL
);

CREATE TABLE price_tiers (
    tier     VARCHAR(32)   NOT NULL,
    category VARCHAR(20)   NOT NULL,
    amount   DECIMAL(10,2) NOT NULL,
    PRIMARY KEY (tier, category)
);

CREATE TABLE shows (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    movie_id   VARCHAR(100) NOT NULL REFERENCES movies (id),
    hall_id    VARCHAR(64) NOT NULL REFERENCES halls (id),
    starts_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    format     VARCHAR(8)  NOT NULL,
    language   VARCHAR(8)  NOT NULL,
    status     VARCHAR(12) NOT NULL CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    price_tier VARCHAR(32) NOT NULL,
    revision   BIGINT      NOT NULL
);
CREATE INDEX shows_revision ON shows (revision);
CREATE INDEX shows_hall ON shows (hall_id);

CREATE TABLE locks (
    id         VARCHAR(40)  NOT NULL PRIMARY KEY,
    show_id    VARCHAR(64)  NOT NULL REFERENCES shows (id),
    reference  VARCHAR(100) NOT NULL,
    state      VARCHAR(12)  NOT NULL CHECK (state IN ('ACTIVE', 'CONFIRMED')),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX locks_show_reference ON locks (show_id, reference);
CREATE INDEX locks_expires_at ON locks (expires_at);

CREATE TABLE bookings (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    lock_id      VARCHAR(40)  NOT NULL UNIQUE REFERENCES locks (id),
    show_id      VARCHAR(64)  NOT NULL REFERENCES shows (id),
    reference    VARCHAR(100) NOT NULL,
    channel      VARCHAR(12)  NOT NULL CHECK (channel IN ('API', 'BOX_OFFICE')),
    status       VARCHAR(12)  NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE tickets (
    id         VARCHAR(40) NOT NULL PRIMARY KEY,
    booking_id VARCHAR(40) NOT NULL REFERENCES bookings (id),
    seat_id    VARCHAR(16) NOT NULL,
    seat_order INTEGER     NOT NULL
);
CREATE INDEX tickets_booking ON tickets (booking_id);

-- Occupancy, stored sparsely: one row per seat that is held or sold, none for free seats.
-- The primary key makes a second claim on a seat of a show impossible.
CREATE TABLE seat_claims (
    show_id    VARCHAR(64) NOT NULL REFERENCES shows (id),
    seat_id    VARCHAR(16) NOT NULL,
    lock_id    VARCHAR(40) NOT NULL REFERENCES locks (id),
    booking_id VARCHAR(40) REFERENCES bookings (id),
    seat_order INTEGER     NOT NULL,
    PRIMARY KEY (show_id, seat_id)
);
CREATE INDEX seat_claims_lock ON seat_claims (lock_id);
CREATE INDEX seat_claims_booking ON seat_claims (booking_id);

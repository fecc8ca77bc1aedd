-- The gateway's copy of every chain's catalogue. Portable between PostgreSQL and H2 (PostgreSQL mode).

CREATE TABLE chain_sync (
    chain_id             VARCHAR(40) PRIMARY KEY,
    cursor_value         VARCHAR(2000) NOT NULL DEFAULT '',
    last_attempt_at      TIMESTAMP WITH TIME ZONE,
    last_success_at      TIMESTAMP WITH TIME ZONE,
    last_error           VARCHAR(2000),
    consecutive_failures INT NOT NULL DEFAULT 0
);

-- Cities and movies are shared by chains; chain_city and chain_movie map each chain's refs onto them.
CREATE TABLE cities (
    id           VARCHAR(200) PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    country_code VARCHAR(2) NOT NULL,
    time_zone    VARCHAR(64) NOT NULL
);

CREATE TABLE chain_city (
    chain_id VARCHAR(40) NOT NULL,
    ref      VARCHAR(200) NOT NULL,
    city_id  VARCHAR(200) NOT NULL REFERENCES cities (id),
    PRIMARY KEY (chain_id, ref)
);

CREATE TABLE movies (
    id              VARCHAR(300) PRIMARY KEY,
    title           VARCHAR(500) NOT NULL,
    description     VARCHAR(10000) NOT NULL,
    genres          VARCHAR(1000) NOT NULL,
    runtime_minutes INT NOT NULL,
    rating          VARCHAR(40) NOT NULL,
    release_date    DATE,
    poster_url      VARCHAR(2000),
    trailer_url     VARCHAR(2000)
);

CREATE TABLE chain_movie (
    chain_id VARCHAR(40) NOT NULL,
    ref      VARCHAR(200) NOT NULL,
    movie_id VARCHAR(300) NOT NULL REFERENCES movies (id),
    PRIMARY KEY (chain_id, ref)
);

CREATE TABLE cinemas (
    id        VARCHAR(250) PRIMARY KEY,
    chain_id  VARCHAR(40) NOT NULL,
    ref       VARCHAR(200) NOT NULL,
    city_id   VARCHAR(200) NOT NULL REFERENCES cities (id),
    name      VARCHAR(300) NOT NULL,
    address   VARCHAR(500) NOT NULL,
    latitude  DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL
);
CREATE INDEX cinemas_chain ON cinemas (chain_id);

-- A hall's seats are stored as one compact text value (see SeatLayoutCodec): read and written whole.
CREATE TABLE halls (
    id          VARCHAR(250) PRIMARY KEY,
    chain_id    VARCHAR(40) NOT NULL,
    ref         VARCHAR(200) NOT NULL,
    cinema_id   VARCHAR(250) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    capacity    INT NOT NULL,
    seat_layout TEXT NOT NULL
);
CREATE INDEX halls_chain ON halls (chain_id);

CREATE TABLE shows (
    id              VARCHAR(250) PRIMARY KEY,
    chain_id        VARCHAR(40) NOT NULL,
    ref             VARCHAR(200) NOT NULL,
    movie_id        VARCHAR(300) NOT NULL,
    cinema_id       VARCHAR(250) NOT NULL,
    hall_id         VARCHAR(250) NOT NULL,
    starts_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    format          VARCHAR(40) NOT NULL,
    language        VARCHAR(40) NOT NULL,
    status          VARCHAR(20) NOT NULL,
    prices          VARCHAR(2000) NOT NULL,
    seats_available INT NOT NULL
);
CREATE INDEX shows_chain ON shows (chain_id);
CREATE INDEX shows_movie_start ON shows (movie_id, starts_at);

-- Consumer booking apps and their API keys. Only a key's SHA-256 is kept: the key itself is shown once, when issued.
CREATE TABLE api_clients (
    id         VARCHAR(40) PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    key_hash   VARCHAR(64) NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);

-- The API client whose key checked the booking out: the booking's sales channel. Bookings from before keys have none.
ALTER TABLE bookings ADD COLUMN sales_channel VARCHAR(40);

-- Token buckets of the rate limits every instance shares (Bucket4j's PostgreSQL layout: its state, and when a full
-- bucket may be forgotten, in epoch milliseconds). The embedded single instance keeps its buckets in memory instead.
CREATE TABLE rate_limit_buckets (
    id         VARCHAR(300) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_buckets_expiry ON rate_limit_buckets (expires_at);

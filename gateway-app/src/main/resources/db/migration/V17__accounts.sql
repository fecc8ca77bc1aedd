-- Customer accounts. Deleting an account blanks its personal data (email, name, phone, password hash, payment token)
-- and keeps the row, so that the bookings it made stay countable; email is then null, and free to sign up again.
CREATE TABLE accounts (
    id                 VARCHAR(40) PRIMARY KEY,
    -- Lower case; unique while the account lives.
    email              VARCHAR(320) UNIQUE,
    password_hash      VARCHAR(100),
    name               VARCHAR(200),
    phone              VARCHAR(40),
    default_city_id    VARCHAR(200),
    email_verified_at  TIMESTAMP WITH TIME ZONE,
    -- A saved card: the payment provider's token for it and what the customer recognises it by, never card data.
    payment_token      VARCHAR(200),
    card_brand         VARCHAR(40),
    card_last4         VARCHAR(4),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at         TIMESTAMP WITH TIME ZONE
);

-- A signed-in session: the marquee_session cookie (kept as its SHA-256) and the access tokens (JWT, naming the session
-- id) issued with it. Signing out or deleting the account revokes it, so neither the cookie nor the tokens work after.
CREATE TABLE account_sessions (
    id           VARCHAR(40) PRIMARY KEY,
    account_id   VARCHAR(40) NOT NULL REFERENCES accounts (id),
    cookie_hash  VARCHAR(64) NOT NULL UNIQUE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX account_sessions_account ON account_sessions (account_id);

-- Single-use links sent by email (verification, password reset, booking claim), kept as the SHA-256 of the token.
-- subject: what the link is about (the email verified, the booking claimed).
CREATE TABLE account_links (
    token_hash  VARCHAR(64) PRIMARY KEY,
    purpose     VARCHAR(20) NOT NULL,
    account_id  VARCHAR(40) NOT NULL REFERENCES accounts (id),
    subject     VARCHAR(320) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX account_links_account ON account_links (account_id);

-- Holds placed and bookings made while signed in belong to the account; guests' have none, and so do a deleted
-- account's bookings, which are kept for accounting.
ALTER TABLE holds ADD COLUMN account_id VARCHAR(40);
ALTER TABLE bookings ADD COLUMN account_id VARCHAR(40);
CREATE INDEX bookings_account ON bookings (account_id, created_at);

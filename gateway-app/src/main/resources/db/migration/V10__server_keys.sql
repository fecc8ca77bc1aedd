-- The server key (AES-256) that seals what the gateway keeps but must not keep in plain text: bearer tokens in
-- kept hold answers (idempotency_keys.response_body) and in waitlist offers (waitlist_entries.hold_token). Used when
-- marquee.secrets.key is not set: made by the first gateway instance that needs it, then used by every instance.
CREATE TABLE server_keys (
    id         VARCHAR(20) PRIMARY KEY,
    algorithm  VARCHAR(20) NOT NULL,
    -- Base64.
    key_text   VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A sealed token is longer than the token.
ALTER TABLE waitlist_entries ALTER COLUMN hold_token SET DATA TYPE VARCHAR(200);

-- The key tickets are signed with when marquee.tickets.signing-key is not set: made by the first gateway
-- instance that needs it, then used by every instance and after every restart, so printed tickets stay valid.
CREATE TABLE ticket_signing_keys (
    id          VARCHAR(20) PRIMARY KEY,
    algorithm   VARCHAR(20) NOT NULL,
    -- Base64 PKCS#8 and X.509.
    private_key VARCHAR(200) NOT NULL,
    public_key  VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Booking emails, one per booking and kind (CONFIRMED, REFUNDED, CANCELLED): claimed (SENDING) before the
-- SMTP conversation and marked SENT once the server accepted the message, so a redelivered message sends
-- nothing. A claim left by a consumer that died lapses at claimed_until and may be taken over.
CREATE TABLE booking_emails (
    booking_id    VARCHAR(40) NOT NULL,
    kind          VARCHAR(20) NOT NULL,
    status        VARCHAR(10) NOT NULL,
    message_id    VARCHAR(300) NOT NULL,
    claim_token   VARCHAR(40) NOT NULL,
    claimed_until TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (booking_id, kind)
);

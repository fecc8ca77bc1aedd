package dev.marquee.gateway.accounts;

/**
 * The emails of accounts, each carrying a single-use link. Sending never fails the caller: a message that cannot be sent
 * is logged, and the customer asks for another.
 */
public interface AccountMail {

    void verification(String email, String token);

    void passwordReset(String email, String token);

    void bookingClaim(String email, String bookingId, String token);
}

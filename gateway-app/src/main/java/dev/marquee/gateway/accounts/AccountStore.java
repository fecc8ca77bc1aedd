package dev.marquee.gateway.accounts;

import java.time.Instant;
import java.util.Optional;

/** Where accounts are kept; a deleted account is found by none of these. */
public interface AccountStore {

    /** Keeps a new account; false when its email already belongs to a live account. */
    boolean insert(Account account);

    Optional<Account> find(String accountId);

    Optional<Account> findByEmail(String email);

    /** Writes every field of the account back; false when its (new) email already belongs to another live account. */
    boolean update(Account account);

    /**
     * Forgets the account's personal data (email, name, phone, password hash, saved card), revokes its sessions and
     * links, and takes its bookings and holds off it; the bookings themselves stay, for accounting.
     */
    void erase(String accountId, Instant now);

    /** The email a booking was made with, if there is such a booking. */
    Optional<BookingOwner> bookingOwner(String bookingId);

    /** Puts a booking under an account, unless it belongs to another; false when it does. */
    boolean attachBooking(String bookingId, String accountId);

    /** Whose a booking is: the email it was made with, and its account if it has one. */
    record BookingOwner(String bookingId, String email, String accountId) {
    }
}

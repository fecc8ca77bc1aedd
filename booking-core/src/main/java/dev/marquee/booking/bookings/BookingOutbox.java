package dev.marquee.booking.bookings;

import java.util.List;

/**
 * The messages a booking's changes send. They are written in the transaction that makes the change
 * and delivered afterwards, so a change and its messages happen together or not at all.
 */
public interface BookingOutbox {

    /** The payment must be given back; a consumer asks the provider, retrying while it fails. */
    void refundRequested(Booking booking, String reason);

    /** The customer gets the tickets. */
    void confirmed(Booking booking, List<Ticket> tickets);

    /** The customer learns the payment is given back and why. */
    void refunded(Booking booking, String reason);

    /** The chain must be told of a cancellation the customer asked for; a consumer does it, retrying while it fails. */
    void cancellationRequested(Booking booking);

    /** The customer learns the booking is cancelled. */
    void cancelled(Booking booking, String reason);
}

package dev.marquee.booking.holds;

import java.util.List;

/**
 * What a person asks to hold, as received; {@link Holds} checks it.
 *
 * @param showId the gateway show id
 * @param seatIds the seats, by the chain's seat ids
 * @param email who holds them
 */
public record HoldRequest(String showId, List<String> seatIds, String email) {
}

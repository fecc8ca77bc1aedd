package dev.marquee.gateway.booking;

import java.util.List;

/**
 * What a person asks to hold, as received; {@link HoldService} checks it.
 *
 * @param showId the gateway show id
 * @param seatIds the seats, by the chain's seat ids
 * @param email who holds them
 */
public record HoldRequest(String showId, List<String> seatIds, String email) {
}

package dev.marquee.gateway.ticketing;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One venue's check-in staff, from {@code marquee.checkin.venues.<name>.*}. Every scanner of the venue sends
 * the staff key as {@code Authorization: Bearer <staff-key>}; it admits tickets for that one cinema only.
 * Set from the environment as {@code MARQUEE_CHECKIN_VENUES_<NAME>_CINEMA_ID} and
 * {@code MARQUEE_CHECKIN_VENUES_<NAME>_STAFF_KEY}.
 *
 * @param name the entry's name, for messages
 * @param cinemaId the gateway cinema id ({@code aurora:1042})
 * @param staffKey the secret, at least 16 characters, different for every venue
 */
@EachProperty("marquee.checkin.venues")
public record VenueConfiguration(@Parameter String name, @Nullable String cinemaId, @Nullable String staffKey) {
}

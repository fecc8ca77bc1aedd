package dev.marquee.gateway.ticketing;

import dev.marquee.booking.tokens.Tokens;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which cinema a check-in staff key admits to, from {@code marquee.checkin.venues}. */
@Singleton
public class StaffKeys {
    static final int MIN_KEY_LENGTH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(StaffKeys.class);

    private final List<Venue> venues;

    public StaffKeys(List<VenueConfiguration> configured) {
        List<Venue> checked = new ArrayList<>();
        Map<String, String> namesByKey = new HashMap<>();
        for (VenueConfiguration venue : configured) {
            String prefix = "marquee.checkin.venues." + venue.name() + ".";
            if (venue.cinemaId() == null || venue.cinemaId().isBlank()) {
                throw new ConfigurationException(prefix + "cinema-id must be set to a gateway cinema id such as 'aurora:1042'");
            }
            if (venue.staffKey() == null || venue.staffKey().strip().length() < MIN_KEY_LENGTH) {
                // Never echo the value: it is a secret.
                throw new ConfigurationException(prefix + "staff-key must be set, at least " + MIN_KEY_LENGTH + " characters");
            }
            String hash = Tokens.hash(venue.staffKey().strip());
            String other = namesByKey.putIfAbsent(hash, venue.name());
            if (other != null) {
                throw new ConfigurationException(prefix + "staff-key is the same as marquee.checkin.venues." + other
                        + ".staff-key; give every venue its own");
            }
            checked.add(new Venue(venue.cinemaId().strip(), Tokens.sha256(venue.staffKey().strip())));
        }
        this.venues = List.copyOf(checked);
        LOG.info("Check-in is open for {} venue(s)", venues.size());
    }

    /** The cinema a staff key admits to; compares every key in constant time so timing tells nothing. */
    public Optional<String> cinemaFor(String staffKey) {
        byte[] presented = Tokens.sha256(staffKey.strip());
        String found = null;
        for (Venue venue : venues) {
            if (MessageDigest.isEqual(presented, venue.keyHash())) {
                found = venue.cinemaId();
            }
        }
        return Optional.ofNullable(found);
    }

    private record Venue(String cinemaId, byte[] keyHash) {
    }
}

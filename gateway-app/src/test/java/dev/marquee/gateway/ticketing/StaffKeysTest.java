package dev.marquee.gateway.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staff keys from marquee.checkin.venues: each admits to its own cinema; bad ones stop startup. */
class StaffKeysTest {

    @Test
    void aStaffKeyAdmitsToItsOwnCinemaOnly() {
        StaffKeys keys = new StaffKeys(List.of(new VenueConfiguration("leith", "aurora:1042", "leith-door-staff-7f3a9c"),
                new VenueConfiguration("quay", "aurora:2077", "quay-door-staff-a81e04")));

        assertThat(keys.cinemaFor("leith-door-staff-7f3a9c")).hasValue("aurora:1042");
        assertThat(keys.cinemaFor("quay-door-staff-a81e04")).hasValue("aurora:2077");
        assertThat(keys.cinemaFor("leith-door-staff-7f3a9")).isEmpty();
        assertThat(keys.cinemaFor("")).isEmpty();
    }

    @Test
    void aShortStaffKeyStopsStartupNamingTheSettingButNotTheKey() {
        assertThatThrownBy(() -> new StaffKeys(List.of(new VenueConfiguration("leith", "aurora:1042", "door123"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.checkin.venues.leith.staff-key")
                .hasMessageNotContaining("door123");
    }

    @Test
    void aVenueWithoutACinemaStopsStartup() {
        assertThatThrownBy(() -> new StaffKeys(List.of(new VenueConfiguration("leith", null, "leith-door-staff-7f3a9c"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.checkin.venues.leith.cinema-id");
    }

    @Test
    void twoVenuesWithOneKeyStopStartup() {
        assertThatThrownBy(() -> new StaffKeys(List.of(new VenueConfiguration("leith", "aurora:1042", "shared-door-key-123456"),
                new VenueConfiguration("quay", "aurora:2077", "shared-door-key-123456"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.checkin.venues.quay.staff-key")
                .hasMessageContaining("leith")
                .hasMessageNotContaining("shared-door-key-123456");
    }
}

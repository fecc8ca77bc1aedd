package dev.marquee.gateway.catalog.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.catalog.Catalog;
import dev.marquee.gateway.catalog.Cinemas;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ShowWindowTest {
    private final Catalog catalog = Cinemas.standard();

    @Test
    void aDateIsTheLocalDayInTheCitysTimeZone() {
        ShowWindow tuesdayInNewYork = ShowWindow.on(LocalDate.of(2026, 3, 10), ZoneId.of("America/New_York"), Cinemas.NOW);

        // 02:00 UTC on the 11th is 22:00 on the 10th in New York.
        assertThat(tuesdayInNewYork.contains(catalog.show("regal:901").orElseThrow())).isTrue();
        assertThat(ShowWindow.on(LocalDate.of(2026, 3, 11), ZoneId.of("America/New_York"), Cinemas.NOW)
                .contains(catalog.show("regal:901").orElseThrow())).isFalse();
    }

    @Test
    void theSameInstantFallsOnTheNextDayInLondon() {
        ShowWindow wednesdayInLondon = ShowWindow.on(LocalDate.of(2026, 3, 11), ZoneId.of("Europe/London"), Cinemas.NOW);

        assertThat(wednesdayInLondon.contains(catalog.show("regal:901").orElseThrow())).isTrue();
    }

    @Test
    void showsThatStartedOrWereCancelledAreNeverInAWindow() {
        ShowWindow today = ShowWindow.on(LocalDate.of(2026, 3, 10), ZoneId.of("Europe/London"), Cinemas.NOW);

        assertThat(today.contains(catalog.show("aurora:101").orElseThrow())).isTrue();
        assertThat(today.contains(catalog.show("aurora:103").orElseThrow())).as("started at 11:00").isFalse();
        assertThat(today.contains(catalog.show("aurora:104").orElseThrow())).as("cancelled").isFalse();
    }

    @Test
    void withoutADateEveryShowFromNowOnCounts() {
        ShowWindow fromNow = ShowWindow.on(null, ZoneId.of("Europe/London"), Cinemas.NOW);

        assertThat(fromNow.contains(catalog.show("aurora:203").orElseThrow())).as("20 days ahead").isTrue();
        assertThat(fromNow.contains(catalog.show("aurora:103").orElseThrow())).isFalse();
    }

    @Test
    void aRangeOfDaysIncludesBothEnds() {
        ShowWindow twelfthToThirteenth = ShowWindow.days(LocalDate.of(2026, 3, 12), LocalDate.of(2026, 3, 13),
                ZoneId.of("Europe/London"), Cinemas.NOW);

        assertThat(twelfthToThirteenth.contains(catalog.show("aurora:201").orElseThrow())).isTrue();
        assertThat(twelfthToThirteenth.contains(catalog.show("regal:703").orElseThrow())).isTrue();
        assertThat(twelfthToThirteenth.contains(catalog.show("aurora:102").orElseThrow())).isFalse();
    }
}

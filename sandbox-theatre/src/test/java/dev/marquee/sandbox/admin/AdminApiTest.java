package dev.marquee.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.contracts.sandbox.BoxOfficeSale;
import dev.marquee.contracts.sandbox.SandboxAdmin;
import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
class AdminApiTest extends SandboxTestSupport {

    @Test
    void infoDescribesTheChain() {
        SandboxAdmin.Info info = admin.info();

        assertThat(info.chainName()).isEqualTo("Majestic Screens");
        assertThat(info.seed()).isEqualTo(7);
        assertThat(info.size()).isEqualTo("small");
        assertThat(info.currency()).isEqualTo("EUR");
        assertThat(info.lockTtlSeconds()).isEqualTo(300);
        assertThat(info.counts().cities()).isEqualTo(2);
        assertThat(info.counts().cinemas()).isEqualTo(4);
        assertThat(info.counts().halls()).isEqualTo(8);
        assertThat(info.counts().shows()).isPositive();
    }

    @Test
    void anAddedShowCanBeLocked() {
        ShowSeats template = aShow();
        int showsBefore = admin.info().counts().shows();
        Instant startsAt = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);

        String showId = admin.addShow("interstellar-2014", template.hallId(), startsAt);

        assertThat(lock(showId, template.seatIds().subList(0, 2), "new-show").status()).isEqualTo(201);
        assertThat(admin.info().counts().shows()).isEqualTo(showsBefore + 1);
    }

    @Test
    void resetDropsLocksAndBookingsAndRestoresTheSchedule() {
        ShowSeats show = aShow();
        int shows = admin.info().counts().shows();
        lock(show.showId(), show.seatIds().subList(0, 1), "gone-after-reset");
        admin.sell(show.showId(), show.seatIds().subList(1, 2));
        admin.cancelShow(aShow(1).showId());

        admin.reset();

        assertThat(admin.info().counts().shows()).isEqualTo(shows);
        assertThat(admin.sell(show.showId(), show.seatIds().subList(0, 2))).isInstanceOf(BoxOfficeSale.Sold.class);
        assertThat(lock(aShow(1).showId(), aShow(1).seatIds().subList(0, 1), "bookable-again").status()).isEqualTo(201);
    }

    @Test
    void aSaleOfUnknownSeatsIsRefused() {
        ShowSeats show = aShow();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.sell(show.showId(), List.of("ZZ1")))
                .hasMessageContaining("422");
    }

    private int catalogShowsBefore() {
        return catalog.info().counts().shows() - 1;
    }
}

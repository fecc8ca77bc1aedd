package dev.marquee.gateway.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The race of {@link CheckinApiTest#scannersRacingOnOneTicketLetItInOnce} against check-in without its guard
 * (read, then write): the same race lets one ticket in several times, so the test would catch a lost guard.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckinRaceControlRunTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    TicketFixtures fixtures;
    @Inject
    TicketRepository repository;

    @Override
    public Map<String, String> getProperties() {
        return CheckinApiTest.venues(Map.of("marquee.test.checkin-guard", "off"));
    }

    @Test
    void withoutTheGuardRacingScannersLetOneTicketInMoreThanOnce() throws Exception {
        assertThat(repository).isInstanceOf(UnguardedTicketRepository.class);
        fixtures.clear();
        TicketFixtures.Issued issued = fixtures.issue(TicketFixtures.booking().at(CheckinApiTest.LEITH));

        List<Integer> statuses = CheckinRace.race(server.getURL(), CheckinApiTest.LEITH_KEY, issued.first().qrPayload(), 16);

        assertThat(statuses).filteredOn(s -> s == 200).hasSizeGreaterThan(1);
    }
}

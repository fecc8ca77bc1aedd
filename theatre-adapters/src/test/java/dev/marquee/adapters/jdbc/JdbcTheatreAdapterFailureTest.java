package dev.marquee.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.adapters.RecordingMetrics;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreProtocolException;
import dev.marquee.spi.TheatreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the adapter fails when the chain's database is not there, or not what the schema says. */
class JdbcTheatreAdapterFailureTest {
    private final JdbcTheatreAdapterFactory factory = new JdbcTheatreAdapterFactory();

    @Test
    void creatingAnAdapterDoesNotNeedTheDatabase() {
        try (TheatreAdapter adapter = factory.create("offline", Map.of("url", "jdbc:postgresql://127.0.0.1:1/theatre"))) {
            assertThat(adapter).isNotNull();
        }
    }

    @Test
    void eachTransactionIsReportedToTheContextsMetricsByItsOperation() {
        RecordingMetrics metrics = new RecordingMetrics();
        try (TheatreAdapter adapter = factory.create(metrics.context("offline"),
                Map.of("url", "jdbc:postgresql://127.0.0.1:1/theatre", "connect-timeout", "500ms"))) {

            assertThatThrownBy(() -> adapter.release("L1")).isInstanceOf(TheatreUnavailableException.class);
        }

        assertThat(metrics.calls()).containsExactly("release failed");
    }

    @Test
    void anUnreachableDatabaseMakesTheChainUnavailable() {
        try (TheatreAdapter adapter = factory.create("offline",
                Map.of("url", "jdbc:postgresql://127.0.0.1:1/theatre", "connect-timeout", "500ms"))) {

            assertThatThrownBy(() -> adapter.readSeats("42"))
                    .isInstanceOfSatisfying(TheatreUnavailableException.class, e -> assertThat(e.chainId()).isEqualTo("offline"))
                    .hasMessageContaining("chain offline").hasMessageContaining("readSeats of show 42")
                    .hasMessageContaining("127.0.0.1:1");
            assertThatThrownBy(() -> adapter.lockSeats(new SeatLockRequest("42", List.of("A1"), Duration.ofMinutes(1), "ref")))
                    .isInstanceOf(TheatreUnavailableException.class);
        }
    }

    @Test
    void aDatabaseWithoutTheSchemaBreaksTheContract() {
        // The server's maintenance database: reachable, but without the chain's tables.
        try (TheatreAdapter adapter = factory.create("bare",
                Map.of("url", "jdbc:postgresql://127.0.0.1:5432/postgres", "username", "postgres", "pool-size", "1"))) {

            assertThatThrownBy(() -> adapter.readCatalog(CatalogCursor.START))
                    .isInstanceOfSatisfying(TheatreProtocolException.class, e -> assertThat(e.chainId()).isEqualTo("bare"))
                    .hasMessageContaining("readCatalog since the start").hasMessageContaining("42P01");
        }
    }

    @Test
    void aCursorThisChainDidNotIssueIsRejectedBeforeAnyQuery() {
        try (TheatreAdapter adapter = factory.create("offline", Map.of("url", "jdbc:postgresql://127.0.0.1:1/theatre"))) {
            assertThatIllegalArgumentException().isThrownBy(() -> adapter.readCatalog(new CatalogCursor("p.1.0.25")))
                    .withMessageContaining("chain offline").withMessageContaining("p.1.0.25");
        }
    }
}

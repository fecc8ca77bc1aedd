package dev.marquee.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreAdapterFactory;
import dev.marquee.spi.TheatreSpi;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class JdbcTheatreAdapterFactoryTest {
    private static final String URL = "jdbc:postgresql://db.chain.example:5432/theatre";

    private final JdbcTheatreAdapterFactory factory = new JdbcTheatreAdapterFactory();

    @Test
    void isFoundByServiceLoaderAsTypeJdbcBesideRest() {
        assertThat(ServiceLoader.load(TheatreAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> {
                    assertThat(found.type()).isEqualTo("jdbc");
                    assertThat(found.spiVersion()).isEqualTo(TheatreSpi.VERSION);
                })
                .anySatisfy(found -> assertThat(found.type()).isEqualTo("rest"));
    }

    @Test
    void thePasswordIsSecret() {
        assertThat(factory.secretSettings()).containsExactly("password");
    }

    @Test
    void defaultsApplyWhenOnlyTheUrlIsGiven() {
        JdbcSettings settings = JdbcSettings.from(Map.of("url", URL));

        assertThat(settings.url()).isEqualTo(URL);
        assertThat(settings.username()).isEmpty();
        assertThat(settings.password()).isEmpty();
        assertThat(settings.poolSize()).isEqualTo(4);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.pageSize()).isEqualTo(2000);
        assertThat(settings.cursorOverlap()).isEqualTo(500);
    }

    @Test
    void everySettingCanBeGiven() {
        JdbcSettings settings = JdbcSettings.from(Map.of("url", URL, "username", "marquee", "password", "s3cret",
                "pool-size", "8", "connect-timeout", "PT0.5S", "statement-timeout", "1500ms", "page-size", "100",
                "cursor-overlap", "50"));

        assertThat(settings.username()).contains("marquee");
        assertThat(settings.password()).contains("s3cret");
        assertThat(settings.poolSize()).isEqualTo(8);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.pageSize()).isEqualTo(100);
        assertThat(settings.cursorOverlap()).isEqualTo(50);
    }

    @Test
    void aMissingUrlIsRejectedByName() {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create("aurora", Map.of("username", "marquee")))
                .withMessageContaining("url is required");
    }

    @Test
    void aUrlThatIsNotPostgresqlIsRejectedWithoutItsParameters() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("url", "jdbc:mysql://db/theatre?password=s3cret")))
                .withMessageContaining("url").withMessageContaining("jdbc:mysql://db/theatre")
                .withMessageNotContaining("s3cret");
    }

    @Test
    void badNumbersAndDurationsAreRejectedWithKeyAndValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create("aurora", Map.of("url", URL, "pool-size", "0")))
                .withMessageContaining("pool-size").withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create("aurora", Map.of("url", URL, "pool-size", "lots")))
                .withMessageContaining("pool-size").withMessageContaining("lots");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("url", URL, "statement-timeout", "soon")))
                .withMessageContaining("statement-timeout").withMessageContaining("soon");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("url", URL, "connect-timeout", "100ms")))
                .withMessageContaining("connect-timeout").withMessageContaining("100ms");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("url", URL, "page-size", "20000")))
                .withMessageContaining("page-size").withMessageContaining("20000");
    }

    @Test
    void aChainIdIsRequired() {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(" ", Map.of("url", URL)))
                .withMessageContaining("chainId");
    }

    @Test
    void neitherTheSettingsNorTheAdapterShowThePassword() {
        Map<String, String> settings = Map.of("url", URL + "?password=inurl", "username", "marquee", "password", "s3cret");

        assertThat(JdbcSettings.from(settings).toString()).doesNotContain("s3cret").doesNotContain("inurl").contains("****");
        try (TheatreAdapter adapter = factory.create("aurora", settings)) {
            assertThat(adapter.toString()).contains("aurora").doesNotContain("s3cret").doesNotContain("inurl");
        }
    }
}

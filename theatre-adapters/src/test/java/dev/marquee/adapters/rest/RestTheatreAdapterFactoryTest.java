package dev.marquee.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.marquee.spi.TheatreAdapterFactory;
import dev.marquee.spi.TheatreSpi;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RestTheatreAdapterFactoryTest {
    private final RestTheatreAdapterFactory factory = new RestTheatreAdapterFactory();

    @Test
    void isFoundByServiceLoaderAsTypeRest() {
        assertThat(ServiceLoader.load(TheatreAdapterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> {
                    assertThat(found.type()).isEqualTo("rest");
                    assertThat(found.spiVersion()).isEqualTo(TheatreSpi.VERSION);
                });
    }

    @Test
    void theApiKeyIsSecret() {
        assertThat(factory.secretSettings()).containsExactly("api-key");
    }

    @Test
    void defaultsApplyWhenOnlyTheBaseUrlIsGiven() {
        RestSettings settings = RestSettings.from(Map.of("base-url", "http://chain.example:9101/"));

        assertThat(settings.baseUrl()).hasToString("http://chain.example:9101");
        assertThat(settings.apiKey()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.pageSize()).isEqualTo(2000);
    }

    @Test
    void durationsAreIsoOrShort() {
        RestSettings settings = RestSettings.from(Map.of(
                "base-url", "https://chain.example", "connect-timeout", "PT0.5S", "request-timeout", "3s", "page-size", "500"));

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.pageSize()).isEqualTo(500);
        assertThat(RestSettings.duration("k", "250ms", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(RestSettings.duration("k", "1m", null)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aMissingBaseUrlIsRejectedByName() {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create("aurora", Map.of()))
                .withMessageContaining("base-url");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRejectedWithItsValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create("aurora", Map.of("base-url", "ftp://chain")))
                .withMessageContaining("base-url").withMessageContaining("ftp://chain");
    }

    @Test
    void aBadTimeoutIsRejectedWithKeyAndValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("base-url", "http://chain", "request-timeout", "soon")))
                .withMessageContaining("request-timeout").withMessageContaining("soon");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("base-url", "http://chain", "connect-timeout", "0s")))
                .withMessageContaining("connect-timeout");
    }

    @Test
    void aPageSizeOutsideTheApisLimitsIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("base-url", "http://chain", "page-size", "20000")))
                .withMessageContaining("page-size").withMessageContaining("20000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> factory.create("aurora", Map.of("base-url", "http://chain", "page-size", "many")))
                .withMessageContaining("page-size").withMessageContaining("many");
    }

    @Test
    void theSettingsNeverShowTheApiKey() {
        RestSettings settings = RestSettings.from(Map.of("base-url", "http://chain", "api-key", "s3cret"));

        assertThat(settings.toString()).doesNotContain("s3cret");
    }
}

package dev.marquee.gateway.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.gateway.seating.FakeSeatsFactory;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code marquee.chains.<id>.breaker.*} reaches the chain's circuit breaker; a chain without it gets the defaults. */
@MicronautTest(environments = "test", transactional = false, startApplication = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "flyway.datasources.default.enabled", value = "false")
@Property(name = "marquee.chains.tuned.adapter", value = "fake-seats")
@Property(name = "marquee.chains.tuned.breaker.failure-rate-threshold", value = "75")
@Property(name = "marquee.chains.tuned.breaker.sliding-window-size", value = "4")
@Property(name = "marquee.chains.tuned.breaker.minimum-calls", value = "3")
@Property(name = "marquee.chains.tuned.breaker.open-duration", value = "1500ms")
@Property(name = "marquee.chains.partial.adapter", value = "fake-seats")
@Property(name = "marquee.chains.partial.breaker.open-duration", value = "2s")
@Property(name = "marquee.chains.plain.adapter", value = "fake-seats")
class BreakerSettingsBindingTest {
    @Inject
    ChainRegistry chains;
    @Inject
    Clock clock;

    @Test
    void breakerSettingsBindFromTheChainsProperties() {
        Chain tuned = chains.chain("tuned").orElseThrow();

        assertThat(tuned.configuration().breakerSettings())
                .isEqualTo(new BreakerSettings(75f, 4, 3, Duration.ofMillis(1500)));
        CircuitBreakerConfig config = tuned.breaker().getCircuitBreakerConfig();
        assertThat(config.getFailureRateThreshold()).isEqualTo(75f);
        assertThat(config.getSlidingWindowSize()).isEqualTo(4);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(3);
        assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(1500L);
    }

    @Test
    void theBreakerMeasuresItsOpenStateWithTheGatewaysClock() {
        CircuitBreakerConfig config = chains.chain("plain").orElseThrow().breaker().getCircuitBreakerConfig();

        assertThat(config.getClock()).isSameAs(clock);
        assertThat(config.isAutomaticTransitionFromOpenToHalfOpenEnabled())
                .as("a timer would move the breaker on whatever the clock says").isFalse();
    }

    @Test
    void settingsLeftOutKeepTheirDefaults() {
        CircuitBreakerConfig config = chains.chain("partial").orElseThrow().breaker().getCircuitBreakerConfig();

        assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(2_000L);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(6);
        assertThat(config.getSlidingWindowSize()).isEqualTo(10);
    }

    @Test
    void aBreakerSettingOutOfRangeFailsStartupNamingTheChainsKey() {
        ChainConfiguration bad = new ChainConfiguration("bad", null, "fake-seats", null, null, null,
                new ChainConfiguration.Breaker(150f, null, null, null), null, null);

        assertThatThrownBy(() -> new ChainRegistry(List.of(bad), List.of(new FakeSeatsFactory()), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.chains.bad.breaker");
    }

    @Test
    void aChainWithoutBreakerSettingsGetsTheDefaults() {
        Chain plain = chains.chain("plain").orElseThrow();

        assertThat(plain.configuration().breakerSettings().open()).isEqualTo(Duration.ofSeconds(20));
        CircuitBreakerConfig config = plain.breaker().getCircuitBreakerConfig();
        assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
        assertThat(config.getSlidingWindowSize()).isEqualTo(10);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(6);
        assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(20_000L);
    }
}

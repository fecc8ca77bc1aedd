package dev.marquee.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's context as it starts: refused on demo settings outside demo mode, started on them in it. */
class DemoModeCheckTest {
    private static final String TEST_DATABASE = System.getenv().getOrDefault("MARQUEE_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/marquee_gateway_test");

    /** A context on these settings alone (not the tests' application-test.yml, which declares demo mode). */
    private static ApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        // No consumer of the shared broker, no chain: only the start is looked at.
        all.put("marquee.messaging.enabled", false);
        return ApplicationContext.builder().deduceEnvironment(false).properties(all).start();
    }

    private static Map<String, Object> production() {
        return new HashMap<>(Map.of(
                "datasources.default.url", TEST_DATABASE,
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.maximum-pool-size", 2,
                "marquee.messaging.broker", "external",
                "marquee.mail.transport", "smtp",
                "marquee.payments.webhook-secret", "whsec_live_5f1c0e9a",
                "marquee.payments.api-key", "sk_live_8d2b7a41"));
    }

    @Test
    void outsideDemoModeTheDefaultsStopTheStartNamingEachSetting() {
        assertThatThrownBy(() -> start(Map.of()).close())
                .rootCause()
                .hasMessageContaining("refuses to start outside demo mode")
                .hasMessageContaining("marquee.payments.webhook-secret (MARQUEE_PAYMENTS_WEBHOOK_SECRET)")
                .hasMessageContaining("marquee.payments.api-key (MARQUEE_PAYMENTS_API_KEY)")
                .hasMessageContaining("datasources.default.url (MARQUEE_DB_URL)")
                .hasMessageContaining("marquee.messaging.broker (MARQUEE_BROKER)")
                .hasMessageContaining("marquee.mail.transport (MARQUEE_MAIL_TRANSPORT)");
    }

    @Test
    void outsideDemoModeOneDemoKeyStopsTheStartNamingIt() {
        Map<String, Object> settings = production();
        settings.put("marquee.operator.key", "demo-operator-key-change-me");
        settings.put("marquee.checkin.venues.aurora-1001.cinema-id", "aurora:1001");
        settings.put("marquee.checkin.venues.aurora-1001.staff-key", "demo-staff-key-aurora-1001");

        assertThatThrownBy(() -> start(settings).close())
                .rootCause()
                .hasMessageContaining("marquee.operator.key (MARQUEE_OPERATOR_KEY)")
                .hasMessageContaining("marquee.checkin.venues.aurora-1001.staff-key (MARQUEE_CHECKIN_VENUES_AURORA_1001_STAFF_KEY)")
                .hasMessageNotContaining("webhook-secret")
                .hasMessageNotContaining("datasources.default.url");
    }

    @Test
    void aCleanProductionConfigurationStarts() {
        try (ApplicationContext context = start(production())) {
            assertThat(context.containsBean(DemoModeCheck.class)).isTrue();
            assertThat(ProductionGuard.demo(context.getEnvironment())).isFalse();
        }
    }

    @Test
    void demoModeStartsOnTheDemoSettings() {
        try (ApplicationContext context = start(Map.of("marquee.demo", true))) {
            assertThat(ProductionGuard.demoSettings(context.getEnvironment())).extracting(DemoSetting::key)
                    .contains("marquee.payments.webhook-secret", "datasources.default.url", "marquee.messaging.broker");
            assertThat(context.getEnvironment().getProperty("datasources.default.url", String.class)).hasValueSatisfying(
                    url -> assertThat(url).startsWith("jdbc:h2:mem:"));
        }
    }
}

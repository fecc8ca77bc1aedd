package dev.marquee.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo settings the production guard finds, read from the gateway's own configuration (application.yml) with
 * these variables over it, as the environment gives them, without starting the context's beans.
 */
class ProductionGuardTest {
    /** Everything a production deployment sets; each test spoils one. */
    private static final Map<String, Object> PRODUCTION = Map.of(
            "MARQUEE_DB_URL", "jdbc:postgresql://db:5432/marquee",
            "MARQUEE_BROKER", "external",
            "MARQUEE_AMQP_URI", "amqp://marquee:secret@rabbit:5672",
            "MARQUEE_MAIL_TRANSPORT", "smtp",
            "MARQUEE_PAYMENTS_WEBHOOK_SECRET", "whsec_live_5f1c0e9a",
            "MARQUEE_PAYMENTS_API_KEY", "sk_live_8d2b7a41",
            "MARQUEE_OPERATOR_KEY", "operator-key-of-production",
            "MARQUEE_CHECKIN_VENUES_AURORA_CINEMA_ID", "aurora:1001",
            "MARQUEE_CHECKIN_VENUES_AURORA_STAFF_KEY", "staff-key-of-aurora-1001");

    private static List<DemoSetting> demoSettingsWith(Map<String, Object> variables) {
        try (ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .propertySources(PropertySource.of("variables", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build()) {
            Environment environment = context.getEnvironment().start();
            return ProductionGuard.demoSettings(environment);
        }
    }

    private static Map<String, Object> productionWith(String variable, Object value) {
        Map<String, Object> variables = new HashMap<>(PRODUCTION);
        variables.put(variable, value);
        return variables;
    }

    private static Map<String, Object> productionWithout(String variable) {
        Map<String, Object> variables = new HashMap<>(PRODUCTION);
        variables.remove(variable);
        return variables;
    }

    @Test
    void aCleanProductionConfigurationHasNoDemoSetting() {
        assertThat(demoSettingsWith(PRODUCTION)).isEmpty();
    }

    @Test
    void theDefaultsAreAllDemoSettingsAndTheRefusalNamesEachByKeyAndVariable() {
        List<DemoSetting> found = demoSettingsWith(Map.of());

        assertThat(found).extracting(DemoSetting::key).containsExactly("marquee.payments.webhook-secret",
                "marquee.payments.api-key", "datasources.default.url", "marquee.messaging.broker", "marquee.mail.transport");
        String refusal = ProductionGuard.refusal(found);
        for (DemoSetting setting : found) {
            assertThat(refusal).contains(setting.key() + " (" + setting.variable() + ")");
        }
        assertThat(refusal).contains("marquee.demo=true (MARQUEE_DEMO=true)");
    }

    @Test
    void theDemoWebhookSecretIsRefused() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_PAYMENTS_WEBHOOK_SECRET", "whsec_sandbox")))
                .containsExactly(new DemoSetting("marquee.payments.webhook-secret", "MARQUEE_PAYMENTS_WEBHOOK_SECRET",
                        demoSettingsWith(Map.of()).getFirst().problem()));
        assertThat(demoSettingsWith(productionWithout("MARQUEE_PAYMENTS_WEBHOOK_SECRET"))).extracting(DemoSetting::variable)
                .as("unset, the sandbox's secret applies").containsExactly("MARQUEE_PAYMENTS_WEBHOOK_SECRET");
    }

    @Test
    void theSandboxPaymentKeyIsRefused() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_PAYMENTS_API_KEY", "sk_test_sandbox")))
                .extracting(DemoSetting::key, DemoSetting::variable)
                .containsExactly(tuple("marquee.payments.api-key", "MARQUEE_PAYMENTS_API_KEY"));
    }

    @Test
    void theDemoOperatorKeyIsRefusedAndSoIsAnyDemoKey() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_OPERATOR_KEY", "demo-operator-key-change-me")))
                .extracting(DemoSetting::key, DemoSetting::variable)
                .containsExactly(tuple("marquee.operator.key", "MARQUEE_OPERATOR_KEY"));
        assertThat(demoSettingsWith(productionWith("MARQUEE_OPERATOR_KEY", "demo-key-of-my-own-making")))
                .extracting(DemoSetting::key).containsExactly("marquee.operator.key");
        assertThat(demoSettingsWith(productionWithout("MARQUEE_OPERATOR_KEY"))).as("no key: the operator API is closed").isEmpty();
    }

    @Test
    void anApiKeySetInTheSettingsIsRefused() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_DEMO_API_KEY", "demo-api-key-change-me")))
                .extracting(DemoSetting::key, DemoSetting::variable)
                .containsExactly(tuple("marquee.api-clients.demo-key", "MARQUEE_DEMO_API_KEY"));
        assertThat(demoSettingsWith(productionWith("MARQUEE_DEMO_API_KEY", "a-long-random-looking-key-0123456789")))
                .as("keys are issued through the operator API in production").extracting(DemoSetting::key)
                .containsExactly("marquee.api-clients.demo-key");
    }

    @Test
    void aDemoStaffKeyIsRefusedNamingItsVenue() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_CHECKIN_VENUES_AURORA_STAFF_KEY", "demo-staff-key-aurora-1001")))
                .extracting(DemoSetting::key, DemoSetting::variable)
                .containsExactly(tuple("marquee.checkin.venues.aurora.staff-key",
                        "MARQUEE_CHECKIN_VENUES_AURORA_STAFF_KEY"));
    }

    @Test
    void anyH2DatabaseIsRefused() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_DB_URL", "jdbc:h2:mem:marquee;MODE=PostgreSQL")))
                .extracting(DemoSetting::key, DemoSetting::variable)
                .containsExactly(tuple("datasources.default.url", "MARQUEE_DB_URL"));
        assertThat(demoSettingsWith(productionWith("MARQUEE_DB_URL", "jdbc:h2:file:/var/data/gateway")))
                .extracting(DemoSetting::key).containsExactly("datasources.default.url");
        assertThat(demoSettingsWith(productionWithout("MARQUEE_DB_URL"))).extracting(DemoSetting::key)
                .as("unset, the embedded H2 applies").containsExactly("datasources.default.url");
    }

    @Test
    void theInProcessBrokerIsRefused() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_BROKER", "embedded")))
                .extracting(DemoSetting::key, DemoSetting::variable)
                .containsExactly(tuple("marquee.messaging.broker", "MARQUEE_BROKER"));
        assertThat(demoSettingsWith(productionWithout("MARQUEE_BROKER"))).extracting(DemoSetting::key)
                .containsExactly("marquee.messaging.broker");
    }

    @Test
    void mailToFilesIsRefused() {
        assertThat(demoSettingsWith(productionWith("MARQUEE_MAIL_TRANSPORT", "files")))
                .extracting(DemoSetting::key, DemoSetting::variable)
                .containsExactly(tuple("marquee.mail.transport", "MARQUEE_MAIL_TRANSPORT"));
    }

    @Test
    void theRefusalNeverEchoesAnOperatorsOwnSecret() {
        String refusal = ProductionGuard.refusal(demoSettingsWith(productionWith("MARQUEE_DB_URL",
                "jdbc:h2:tcp://db/marquee;PASSWORD=hunter2-of-the-operator")));

        assertThat(refusal).contains("datasources.default.url").doesNotContain("hunter2");
    }

    @Test
    void demoModeIsOffUnlessDeclared() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            assertThat(ProductionGuard.demo(context.getEnvironment().start())).isFalse();
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .propertySources(PropertySource.of("variables", Map.of("MARQUEE_DEMO", "true"),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).build()) {
            assertThat(ProductionGuard.demo(context.getEnvironment().start())).isTrue();
        }
    }
}

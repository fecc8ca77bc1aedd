package dev.marquee.gateway.deployment;

import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a production deployment must not inherit from the demo: the secrets and keys that the README and
 * {@code ./marquee run} publish, the embedded database, the in-process broker and mail written to files. Outside
 * demo mode ({@code marquee.demo}, {@code MARQUEE_DEMO}) the gateway refuses to start with any of them.
 */
public final class ProductionGuard {
    /** The switch: true for {@code ./marquee run}, the tests and anyone trying Marquee out. */
    public static final String DEMO_KEY = "marquee.demo";
    public static final String DEMO_VARIABLE = "MARQUEE_DEMO";

    /** Secrets the gateway, the README or the embedded run ship: anyone can read them. */
    static final Set<String> PUBLISHED_SECRETS = Set.of("whsec_sandbox", "sk_test_sandbox", "demo-operator-key-change-me",
            "demo-staff-key-aurora-1001");
    /** The embedded run names every key it makes up {@code demo-…}; so may anyone copying its settings. */
    static final String DEMO_PREFIX = "demo-";

    private static final String WEBHOOK_SECRET = "marquee.payments.webhook-secret";
    private static final String PAYMENTS_API_KEY = "marquee.payments.api-key";
    private static final String OPERATOR_KEY = "marquee.operator.key";
    private static final String DEMO_API_KEY = "marquee.api-clients.demo-key";
    private static final String VENUES = "marquee.checkin.venues";
    private static final String DATABASE_URL = "datasources.default.url";
    private static final String BROKER = "marquee.messaging.broker";
    private static final String MAIL_TRANSPORT = "marquee.mail.transport";

    private ProductionGuard() {
    }

    /** Whether these settings declare demo mode. */
    public static boolean demo(PropertyResolver settings) {
        return settings.getProperty(DEMO_KEY, Boolean.class).orElse(false);
    }

    /** Every demo setting among these, in the order the message lists them; empty for a production configuration. */
    public static List<DemoSetting> demoSettings(PropertyResolver settings) {
        List<DemoSetting> found = new ArrayList<>();
        // Unset, the payment settings fall back to the sandbox provider's published secrets (PaymentSettings).
        String webhookSecret = text(settings, WEBHOOK_SECRET).orElse("whsec_sandbox");
        if (published(webhookSecret)) {
            found.add(new DemoSetting(WEBHOOK_SECRET, "MARQUEE_PAYMENTS_WEBHOOK_SECRET", "the demo webhook secret, printed in the "
                    + "README: anyone could sign a payment.succeeded; set the secret your payment provider signs with"));
        }
        String apiKey = text(settings, PAYMENTS_API_KEY).orElse("sk_test_sandbox");
        if (published(apiKey)) {
            found.add(new DemoSetting(PAYMENTS_API_KEY, "MARQUEE_PAYMENTS_API_KEY",
                    "the sandbox provider's demo key; set the key your payment provider gave you"));
        }
        if (text(settings, OPERATOR_KEY).filter(ProductionGuard::published).isPresent()) {
            found.add(new DemoSetting(OPERATOR_KEY, "MARQUEE_OPERATOR_KEY",
                    "a demo operator key, printed in the README; set a key of your own (16+ random characters) or none"));
        }
        if (text(settings, DEMO_API_KEY).isPresent()) {
            found.add(new DemoSetting(DEMO_API_KEY, "MARQUEE_DEMO_API_KEY", "an API key set in the settings, as the demo's is: "
                    + "issue each booking app its own key through the operator API (/api/v1/operator/clients) and unset this"));
        }
        for (String venue : settings.getPropertyEntries(VENUES)) {
            String key = VENUES + "." + venue + ".staff-key";
            if (text(settings, key).filter(ProductionGuard::published).isPresent()) {
                found.add(new DemoSetting(key, "MARQUEE_CHECKIN_VENUES_" + variablePart(venue) + "_STAFF_KEY",
                        "a demo staff key, printed in the README; set a key of your own per venue"));
            }
        }
        String url = text(settings, DATABASE_URL).orElse("jdbc:h2:mem:");
        if (url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            String where = url.regionMatches(true, 0, "jdbc:h2:mem:", 0, "jdbc:h2:mem:".length()) ? "in memory, lost with its process"
                    : "that instances cannot share";
            found.add(new DemoSetting(DATABASE_URL, "MARQUEE_DB_URL", "an H2 database (" + where
                    + "); set jdbc:postgresql://host:5432/marquee"));
        }
        if (text(settings, BROKER).orElse("embedded").equalsIgnoreCase("embedded")) {
            found.add(new DemoSetting(BROKER, "MARQUEE_BROKER", "the in-process broker on guest:guest, gone with its "
                    + "process; set external, with MARQUEE_AMQP_URI (and MARQUEE_AMQP_ADDRESSES for a cluster)"));
        }
        if (text(settings, MAIL_TRANSPORT).orElse("files").equalsIgnoreCase("files")) {
            found.add(new DemoSetting(MAIL_TRANSPORT, "MARQUEE_MAIL_TRANSPORT",
                    "mail written to files that nobody receives; set smtp, with MARQUEE_SMTP_HOST"));
        }
        return List.copyOf(found);
    }

    /** The refusal: every demo setting by its key and variable, and the way out for a demo. */
    public static String refusal(List<DemoSetting> found) {
        StringBuilder message = new StringBuilder("The gateway refuses to start outside demo mode with demo settings. Set each "
                + "of these for production, or set " + DEMO_KEY + "=true (" + DEMO_VARIABLE + "=true) to run a demo:");
        found.forEach(setting -> message.append(System.lineSeparator()).append("  - ").append(setting));
        return message.toString();
    }

    static boolean published(String secret) {
        String stripped = secret.strip();
        return PUBLISHED_SECRETS.contains(stripped) || stripped.toLowerCase(Locale.ROOT).startsWith(DEMO_PREFIX);
    }

    private static Optional<String> text(PropertyResolver settings, String key) {
        return settings.getProperty(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** How a venue's name appears in an environment variable: upper case, dashes as underscores. */
    private static String variablePart(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}

package dev.marquee.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.gateway.testing.Broker;
import dev.marquee.gateway.testing.Eventually;
import dev.marquee.gateway.testing.TcpProxy;
import dev.marquee.gateway.web.ApiClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readiness and liveness as a balancer sees them, with the gateway's database and broker reached through proxies of
 * the test's own that a test cuts, as a network would: the shared PostgreSQL and RabbitMQ are never stopped.
 */
class HealthApiTest {
    private static final String OPERATOR_KEY = "operator-key-of-the-health-test";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static TcpProxy database;
    private static TcpProxy broker;
    private static Map<String, String> brokerSettings;
    private static EmbeddedServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        database = new TcpProxy("127.0.0.1", 5432);
        broker = new TcpProxy("127.0.0.1", 5672);
        Map<String, Object> settings = new HashMap<>(Broker.onRabbitMq("health"));
        settings.put("marquee.messaging.uri", "amqp://guest:guest@127.0.0.1:" + broker.port());
        brokerSettings = Map.of("marquee.messaging.queue-prefix", (String) settings.get("marquee.messaging.queue-prefix"));
        settings.put("datasources.default.url", testDatabaseThrough(database));
        settings.put("marquee.operator.key", OPERATOR_KEY);
        settings.put("marquee.sync.enabled", false);
        server = ApplicationContext.run(EmbeddedServer.class, settings, "test");
        api = new ApiClient(server.getURL());
        Eventually.await("the first round of checks", LIMIT, () -> status("/health/readiness"), status -> status == 200);
    }

    @AfterAll
    static void stop() {
        List<String> queues = server.getApplicationContext().getBeansOfType(dev.marquee.gateway.messaging.MessageHandler.class)
                .stream().map(dev.marquee.gateway.messaging.MessageHandler::queue).toList();
        server.close();
        database.close();
        broker.close();
        Map<String, String> cleanUp = new HashMap<>(brokerSettings);
        Broker.cleanUpQueues(cleanUp, queues);
    }

    /** The test database's URL with its host and port replaced by the proxy's. */
    private static String testDatabaseThrough(TcpProxy proxy) {
        String url = System.getenv().getOrDefault("MARQUEE_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/marquee_gateway_test");
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    }

    private static int status(String path) {
        return api.send("GET", path, null, null).status();
    }

    private static ApiClient.Answer asOperator(String path) {
        return api.send("GET", path, Map.of("Authorization", "Bearer " + OPERATOR_KEY));
    }

    @Test
    void readinessAndHealthAreUpWhileTheDatabaseAndTheBrokerAnswer() {
        assertThat(status("/health/readiness")).isEqualTo(200);
        assertThat(status("/health")).isEqualTo(200);
        assertThat(status("/health/liveness")).isEqualTo(200);
    }

    @Test
    void readinessAnswers503WhileTheDatabaseIsUnreachableAndLivenessStaysUp() {
        database.cut();
        try {
            Eventually.await("readiness 503 with the database cut off", LIMIT, () -> status("/health/readiness"), s -> s == 503);
            assertThat(api.send("GET", "/health/readiness", null, null).json().path("status").asText()).isEqualTo("DOWN");
            assertThat(status("/health")).isEqualTo(503);
            assertThat(status("/health/liveness")).isEqualTo(200);
            JsonNode details = asOperator("/health/readiness").json().path("details");
            assertThat(details.path("database").path("status").asText()).isEqualTo("DOWN");
            assertThat(details.path("database").path("details").path("error").asText()).isNotBlank();
        } finally {
            database.restore();
        }
        Eventually.await("readiness 200 with the database back", LIMIT, () -> status("/health/readiness"), s -> s == 200);
    }

    @Test
    void readinessAnswers503WhileTheBrokerIsUnreachable() {
        broker.cut();
        try {
            Eventually.await("readiness 503 with the broker cut off", LIMIT, () -> status("/health/readiness"), s -> s == 503);
            assertThat(status("/health/liveness")).isEqualTo(200);
            JsonNode details = asOperator("/health/readiness").json().path("details");
            assertThat(details.path("messaging").path("status").asText()).isEqualTo("DOWN");
            assertThat(details.path("database").path("status").asText()).isEqualTo("UP");
        } finally {
            broker.restore();
        }
        Eventually.await("readiness 200 with the broker back", LIMIT, () -> status("/health/readiness"), s -> s == 200);
    }

    @Test
    void detailsGoToTheOperatorKeyAlone() {
        JsonNode anyone = api.send("GET", "/health", null, null).json();
        JsonNode wrongKey = api.send("GET", "/health", Map.of("Authorization", "Bearer not-the-operator-key")).json();
        JsonNode operator = asOperator("/health").json();

        assertThat(anyone.properties()).extracting(Map.Entry::getKey).containsExactly("status");
        assertThat(wrongKey.properties()).extracting(Map.Entry::getKey).containsExactly("status");
        assertThat(operator.path("status").asText()).isEqualTo("UP");
        assertThat(operator.path("checkedAt").asText()).isNotBlank();
        assertThat(operator.path("details").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(operator.path("details").path("messaging").path("details").path("broker").asText())
                .as("the broker's internal address").contains("127.0.0.1:" + broker.port());
        assertThat(operator.path("details").has("chains")).isTrue();
        assertThat(asOperator("/health/readiness").json().path("details").properties()).extracting(Map.Entry::getKey)
                .containsExactly("database", "messaging");
    }
}

package dev.marquee.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.clients.ApiClients;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.TestClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Write limits held by every instance together: two gateways on one PostgreSQL database draw from the same buckets.
 * The control run counts per instance (store: local), as the gateway did before, and lets a client through on each.
 * Every request asks to hold seats of a show that does not exist, so an admitted one answers 404 and nothing is held;
 * the gateways' clocks stand still, so no bucket refills during a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedLimitsTest {
    private static final int PER_KEY = 3;
    private static final int PER_ADDRESS = 3;
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final AtomicInteger addresses = new AtomicInteger();
    private final List<EmbeddedServer> started = new ArrayList<>();

    /** Each test's gateways go when it ends, buckets and all: several contexts at once would crowd PostgreSQL. */
    @AfterEach
    void stopTheGateways() {
        if (!started.isEmpty()) {
            emptyTheBuckets(started.getFirst());
        }
        started.forEach(server -> server.getApplicationContext().close());
        started.clear();
    }

    private static void emptyTheBuckets(EmbeddedServer gateway) {
        gateway.getApplicationContext().getBean(SingleStatements.class).write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM rate_limit_buckets")) {
                return delete.executeUpdate();
            }
        });
    }

    @Test
    void aKeyThatSpentItsWritesOnOneInstanceIsRefusedOnTheOther() {
        EmbeddedServer one = gateway("shared", "127.0.0.1,::1");
        EmbeddedServer other = gateway("shared", "127.0.0.1,::1");
        ApiClient key = new ApiClient(one.getURL()).withKey(newKey(one));

        for (int i = 0; i < PER_KEY; i++) {
            assertThat(hold(key, fromAnotherCustomer()).status()).as("write " + (i + 1) + " of the key").isEqualTo(404);
        }
        ApiClient.Answer refused = hold(new ApiClient(other.getURL()).withKey(keyOf(key)), fromAnotherCustomer());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("type").asText()).endsWith("/too-many-requests");
        assertThat(refused.json().path("detail").asText()).contains("API key");
        assertThat(refused.retryAfter()).as("a token comes back every 60 s / " + PER_KEY).isEqualTo("20");
    }

    /** Control run: each instance counting alone lets the same key through on both, twice its limit together. */
    @Test
    void countedPerInstanceTheCombinedTrafficGetsThrough() {
        EmbeddedServer one = gateway("local", "127.0.0.1,::1");
        EmbeddedServer other = gateway("local", "127.0.0.1,::1");
        String key = newKey(one);

        int admitted = 0;
        for (EmbeddedServer server : List.of(one, other)) {
            for (int i = 0; i < PER_KEY; i++) {
                admitted += hold(new ApiClient(server.getURL()).withKey(key), fromAnotherCustomer()).status() == 404 ? 1 : 0;
            }
        }

        assertThat(admitted).isEqualTo(2 * PER_KEY);
    }

    @Test
    void behindATrustedProxyEachCustomerAddressHasItsOwnLimit() {
        EmbeddedServer gateway = gateway("shared", "127.0.0.1/32,::1");
        ApiClient api = new ApiClient(gateway.getURL());
        Map<String, String> ada = Map.of(CustomerAddresses.FORWARDED_FOR, "203.0.113.7");
        Map<String, String> bob = Map.of(CustomerAddresses.FORWARDED_FOR, "198.51.100.1, 203.0.113.8");

        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(hold(api.withKey(newKey(gateway)), ada).status()).isEqualTo(404);
        }
        ApiClient.Answer refused = hold(api.withKey(newKey(gateway)), ada);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("detail").asText()).contains("address");
        assertThat(refused.retryAfter()).isEqualTo("20");
        assertThat(hold(api.withKey(newKey(gateway)), bob).status()).as("the hop the proxy saw, 203.0.113.8").isEqualTo(404);
    }

    @Test
    void fromAPeerThatIsNoTrustedProxyXForwardedForIsIgnored() {
        EmbeddedServer gateway = gateway("shared", "10.0.0.0/8");
        ApiClient api = new ApiClient(gateway.getURL());

        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(hold(api.withKey(newKey(gateway)), fromAnotherCustomer()).status()).isEqualTo(404);
        }

        assertThat(hold(api.withKey(newKey(gateway)), fromAnotherCustomer()).status())
                .as("every request counts against the socket's address, whatever it claims").isEqualTo(429);
    }

    private EmbeddedServer gateway(String store, String trustedProxies) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("marquee.sync.enabled", "false");
        properties.put("marquee.holds.sweep", "false");
        properties.put("marquee.bookings.sweep", "false");
        properties.put("marquee.waitlist.serve", "false");
        properties.put("marquee.test.clock", "fixed");
        properties.put("marquee.limits.store", store);
        properties.put("marquee.limits.writes-per-key", PER_KEY);
        properties.put("marquee.limits.writes-per-address", PER_ADDRESS);
        properties.put("marquee.limits.trusted-proxies", trustedProxies);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        server.getApplicationContext().getBean(TestClock.class).set(NOW);
        if (started.isEmpty()) {
            emptyTheBuckets(server); // whatever an earlier run or test class left
        }
        started.add(server);
        return server;
    }

    private static String newKey(EmbeddedServer gateway) {
        return gateway.getApplicationContext().getBean(ApiClients.class).issue("limits test").key();
    }

    private static String keyOf(ApiClient client) {
        return client.apiKey();
    }

    /** A customer address of its own for each request, so that only the key's limit can refuse it. */
    private Map<String, String> fromAnotherCustomer() {
        int n = addresses.incrementAndGet();
        return Map.of(CustomerAddresses.FORWARDED_FOR, "192.0.2." + (n % 250 + 1) + ", 100.64." + n / 250 % 250 + "." + n % 250);
    }

    private static ApiClient.Answer hold(ApiClient api, Map<String, String> headers) {
        Map<String, String> sent = new HashMap<>(headers);
        sent.put("Idempotency-Key", UUID.randomUUID().toString());
        return api.call("POST", "/api/v1/holds", sent, HoldRequests.body("nowhere:no-such-show", List.of("A1"), "limits@example.org"));
    }
}

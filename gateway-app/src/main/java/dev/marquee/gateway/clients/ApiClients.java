package dev.marquee.gateway.clients;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.booking.tokens.Tokens;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, revokes and recognises API keys. A key is 256 random bits, so its SHA-256 is all that is kept: nobody can
 * guess a key from the hash, and a fast hash lets every write request be checked without bcrypt's deliberate cost,
 * which only protects secrets a person chose (and so could be guessed).
 */
@Singleton
public class ApiClients implements ApplicationEventListener<StartupEvent> {
    /** The client of the configured demo key. */
    public static final String DEMO_CLIENT_ID = "demo";
    /** The gateway's own web app, whose writes come from browsers with a CSRF token instead of a key. */
    public static final String WEB_APP_CLIENT_ID = "web";
    private static final String KEY_PREFIX = "mqk_";
    private static final Logger LOG = LoggerFactory.getLogger(ApiClients.class);

    private final ApiClientStore store;
    private final ApiClientSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Key hash to client (empty: no such key), so a client's stream of writes does not read the table each time. */
    private final Cache<String, Optional<ApiClient>> byKeyHash;
    private final String demoKeyHash;
    private volatile boolean demoRegistered;
    /** The web app's client as last read; an operator revokes it like any other to stop the web app's writes. */
    private final Cache<String, Optional<ApiClient>> webApp;

    public ApiClients(ApiClientStore store, ApiClientSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.byKeyHash = Caffeine.newBuilder().expireAfterWrite(settings.keyCache()).maximumSize(10_000).build();
        this.demoKeyHash = settings.demoKey() == null ? null : Tokens.hash(settings.demoKey());
        this.webApp = Caffeine.newBuilder().expireAfterWrite(settings.keyCache()).maximumSize(1).build();
    }

    /** A new client with its key, which is shown to the operator this once and kept only as a hash. */
    public record IssuedKey(ApiClient client, String key) {
        @Override
        public String toString() {
            return "IssuedKey[client=" + client + ", key=…]";
        }
    }

    public IssuedKey issue(String name) {
        ApiClient client = new ApiClient("cli_" + randomText(12), name, clock.instant(), null);
        String key = KEY_PREFIX + randomText(32);
        store.insert(client, Tokens.hash(key));
        LOG.info("API client {} ({}) issued a key", client.id(), client.name());
        return new IssuedKey(client, key);
    }

    /** @return the client, now revoked; empty when there is no such client */
    public Optional<ApiClient> revoke(String clientId) {
        if (store.revoke(clientId, clock.instant())) {
            LOG.info("API client {} revoked", clientId);
        }
        byKeyHash.invalidateAll(); // this instance stops taking it at once; others within key-cache
        webApp.invalidateAll();
        return store.find(clientId);
    }

    public List<ApiClient> all() {
        if (demoKeyHash != null) {
            registerDemo();
        }
        return store.all();
    }

    /** The client a key belongs to, unless it is unknown or revoked. */
    public Optional<ApiClient> byKey(String key) {
        Objects.requireNonNull(key, "key");
        String hash = Tokens.hash(key.strip());
        if (demoKeyHash != null && !demoRegistered && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                demoKeyHash.getBytes(StandardCharsets.US_ASCII))) {
            registerDemo();
        }
        return byKeyHash.get(hash, store::findByKeyHash).filter(client -> !client.revoked());
    }

    /**
     * The web app's client, made at its first write. Its key is random and thrown away: no request can present it, so
     * only the web app's own path ({@link ApiKeyFilter}, with a CSRF token) acts as this client.
     *
     * @return empty once an operator revoked it
     */
    public Optional<ApiClient> webApp() {
        return webApp.get(WEB_APP_CLIENT_ID, id -> {
            store.insert(new ApiClient(id, "Marquee web app", clock.instant(), null), Tokens.hash(randomText(32)));
            return store.find(id);
        }).filter(client -> !client.revoked());
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (demoKeyHash != null) {
            LOG.warn("The demo API key (marquee.api-clients.demo-key) is set; it is client '{}' from its first use: for demos only",
                    DEMO_CLIENT_ID);
        }
    }

    /**
     * Makes the demo key's client the first time the key is used, not at startup: a gateway that never takes a write
     * (a test of its browsing, say) needs no table of clients.
     */
    private synchronized void registerDemo() {
        if (demoRegistered) {
            return;
        }
        if (!store.insert(new ApiClient(DEMO_CLIENT_ID, "Demo booking app", clock.instant(), null), demoKeyHash)) {
            store.replaceKey(DEMO_CLIENT_ID, demoKeyHash); // a revoked demo client stays revoked
        }
        byKeyHash.invalidate(demoKeyHash);
        demoRegistered = true;
    }

    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}

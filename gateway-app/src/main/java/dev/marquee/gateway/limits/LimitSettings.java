package dev.marquee.gateway.limits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * Rate limits and quotas, from {@code marquee.limits.*}. Rates are counted in token buckets that every instance shares
 * (in the gateway's PostgreSQL) unless {@code store} says otherwise; open streams are counted per instance.
 *
 * @param store {@code auto} (shared on PostgreSQL, in memory on H2), {@code shared} or {@code local} (each instance
 *     counts alone: a client spread over n instances gets n times its limits)
 * @param writesPerKey write requests one API key may make per minute (default 600)
 * @param writesPerAddress write requests one customer address may make per minute, whatever key (default 120)
 * @param waitlistJoinsPerEmail joins of one show's waitlist by one email per hour (default 5)
 * @param queueJoinsPerClient joins of one show's queue through one API key per hour (default 10000): one app cannot
 *     fill a queue with made-up emails, while each email still has one place
 * @param streamOpensPerClient long-polls and event streams one client may open per minute (default 120)
 * @param streamsPerClient long-polls and event streams one client may have open at once on an instance (default 20)
 * @param streamsTotal long-polls and event streams open at once on an instance, everyone's together (default 2000)
 * @param trustedProxies addresses or CIDR blocks of the load balancers in front: only a request from one of these has
 *     its customer's address taken from {@code X-Forwarded-For}; others are limited by their socket address
 */
@ConfigurationProperties("marquee.limits")
public record LimitSettings(
        @Nullable String store,
        @Nullable Integer writesPerKey,
        @Nullable Integer writesPerAddress,
        @Nullable Integer waitlistJoinsPerEmail,
        @Nullable Integer queueJoinsPerClient,
        @Nullable Integer streamOpensPerClient,
        @Nullable Integer streamsPerClient,
        @Nullable Integer streamsTotal,
        @Nullable List<String> trustedProxies) {

    public LimitSettings {
        store = store == null || store.isBlank() ? "auto" : store.strip();
        if (!List.of("auto", "shared", "local").contains(store)) {
            throw new ConfigurationException("marquee.limits.store must be auto, shared or local, got '" + store + "'");
        }
        writesPerKey = atLeastOne(writesPerKey, 600, "writes-per-key");
        writesPerAddress = atLeastOne(writesPerAddress, 120, "writes-per-address");
        waitlistJoinsPerEmail = atLeastOne(waitlistJoinsPerEmail, 5, "waitlist-joins-per-email");
        queueJoinsPerClient = atLeastOne(queueJoinsPerClient, 10_000, "queue-joins-per-client");
        streamOpensPerClient = atLeastOne(streamOpensPerClient, 120, "stream-opens-per-client");
        streamsPerClient = atLeastOne(streamsPerClient, 20, "streams-per-client");
        streamsTotal = atLeastOne(streamsTotal, 2000, "streams-total");
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        trustedProxies.forEach(proxy -> {
            try {
                AddressBlock.parse(proxy);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("marquee.limits.trusted-proxies: '" + proxy + "' is not an address or CIDR block");
            }
        });
    }

    public static LimitSettings defaults() {
        return new LimitSettings(null, null, null, null, null, null, null, null, null);
    }

    public Limit writesPerKeyLimit() {
        return new Limit("writes-per-key", writesPerKey, Duration.ofMinutes(1));
    }

    public Limit writesPerAddressLimit() {
        return new Limit("writes-per-address", writesPerAddress, Duration.ofMinutes(1));
    }

    public Limit waitlistJoinsLimit() {
        return new Limit("waitlist-joins", waitlistJoinsPerEmail, Duration.ofHours(1));
    }

    public Limit queueJoinsLimit() {
        return new Limit("queue-joins", queueJoinsPerClient, Duration.ofHours(1));
    }

    public Limit streamOpensLimit() {
        return new Limit("stream-opens", streamOpensPerClient, Duration.ofMinutes(1));
    }

    private static int atLeastOne(@Nullable Integer value, int fallback, String key) {
        int chosen = value == null ? fallback : value;
        if (chosen < 1) {
            throw new ConfigurationException("marquee.limits." + key + " must be at least 1, got " + chosen);
        }
        return chosen;
    }
}

package dev.marquee.sandbox;

import dev.marquee.sandbox.catalog.CatalogGenerator;
import dev.marquee.sandbox.catalog.CatalogSize;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Currency;

/**
 * The {@code sandbox.*} settings (environment variables {@code SANDBOX_SEED}, {@code SANDBOX_SIZE}, …).
 *
 * @param seed what the catalogue is generated from
 * @param size {@code small}, {@code medium} or {@code large}
 * @param chainName the chain's name; derived from the seed when not set
 * @param currency ISO 4217 code of every price
 * @param lockTtl how long a lock lives when the request does not say
 * @param resetOnStart regenerate the catalogue and drop every lock and booking at startup
 * @param apiKey when set, the theatre API wants {@code Authorization: Bearer <key>}
 * @param cursorOverlap how many revisions before a cursor an incremental read sends again, so that a
 *     transaction that committed late is not skipped
 * @param sweepInterval how often expired locks are deleted
 */
@ConfigurationProperties("sandbox")
public record SandboxConfig(
        @Bindable(defaultValue = "1") long seed,
        @Bindable(defaultValue = "medium") String size,
        @Nullable String chainName,
        @Bindable(defaultValue = "EUR") String currency,
        @Bindable(defaultValue = "5m") Duration lockTtl,
        @Bindable(defaultValue = "false") boolean resetOnStart,
        @Nullable String apiKey,
        @Bindable(defaultValue = "500") int cursorOverlap,
        @Bindable(defaultValue = "1s") Duration sweepInterval) {

    public SandboxConfig {
        CatalogSize.parse("sandbox.size", size);
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("sandbox.currency must be an ISO 4217 code, was '" + currency + "'");
        }
        if (lockTtl == null || lockTtl.isNegative() || lockTtl.isZero()) {
            throw new IllegalArgumentException("sandbox.lock-ttl must be positive, was " + lockTtl);
        }
        if (cursorOverlap < 0) {
            throw new IllegalArgumentException("sandbox.cursor-overlap must not be negative, was " + cursorOverlap);
        }
        if (chainName != null && chainName.isBlank()) {
            chainName = null;
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
    }

    public CatalogSize catalogSize() {
        return CatalogSize.parse("sandbox.size", size);
    }

    public String effectiveChainName() {
        return chainName != null ? chainName : CatalogGenerator.defaultChainName(seed);
    }
}

package dev.marquee.gateway.health;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogStore;
import dev.marquee.gateway.catalog.SyncStatus;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.micronaut.core.async.publisher.Publishers;
import org.reactivestreams.Publisher;

/**
 * Reports, per chain, whether its last catalogue sync succeeded and when, and the state of its
 * circuit breaker. A chain whose last sync failed, or whose breaker is open, is DOWN; one that never
 * synced (and whose breaker is not open) is UNKNOWN.
 */
@Singleton
public class ChainsHealthIndicator implements HealthIndicator {
    private final ChainRegistry chains;
    private final CatalogStore store;
    private final CatalogHolder catalog;

    public ChainsHealthIndicator(ChainRegistry chains, CatalogStore store, CatalogHolder catalog) {
        this.chains = chains;
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    private HealthResult check() {
        Map<String, SyncStatus> statuses = store.syncStatuses().stream()
                .collect(Collectors.toMap(SyncStatus::chainId, Function.identity()));
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus overall = HealthStatus.UP;
        for (Chain chain : chains.all()) {
            SyncStatus status = statuses.getOrDefault(chain.id(), SyncStatus.never(chain.id()));
            CircuitBreaker.State breaker = chain.breaker().getState();
            // An open breaker means the chain's live calls keep failing now, whatever the last sync said.
            HealthStatus chainStatus = breaker == CircuitBreaker.State.OPEN || breaker == CircuitBreaker.State.FORCED_OPEN
                    ? HealthStatus.DOWN
                    : status.lastAttemptAt() == null ? HealthStatus.UNKNOWN
                    : status.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
            if (chainStatus == HealthStatus.DOWN) {
                overall = HealthStatus.DOWN;
            }
            Map<String, Object> chainDetails = new LinkedHashMap<>();
            chainDetails.put("name", chain.name());
            chainDetails.put("adapter", chain.adapterType());
            chainDetails.put("status", chainStatus.getName());
            chainDetails.put("lastSyncSucceeded", status.lastAttemptAt() == null ? null : status.healthy());
            chainDetails.put("lastSyncAt", status.lastSuccessAt() == null ? null : status.lastSuccessAt().toString());
            chainDetails.put("lastAttemptAt", status.lastAttemptAt() == null ? null : status.lastAttemptAt().toString());
            chainDetails.put("consecutiveFailures", status.consecutiveFailures());
            if (status.lastError() != null) {
                chainDetails.put("lastError", status.lastError());
            }
            chainDetails.put("circuitBreaker", breaker.name());
            details.put(chain.id(), chainDetails);
        }
        details.put("catalogueVersion", catalog.current().version());
        return HealthResult.builder("chains", overall).details(details).build();
    }
}

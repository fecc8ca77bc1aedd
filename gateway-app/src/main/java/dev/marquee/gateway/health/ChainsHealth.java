package dev.marquee.gateway.health;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogStore;
import dev.marquee.gateway.catalog.SyncStatus;
import dev.marquee.gateway.integration.Chain;
import dev.marquee.gateway.integration.ChainRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per chain, whether its last catalogue sync succeeded and when, and the state of its circuit breaker. A chain whose
 * last sync failed, or whose breaker is open, is DOWN; one that never synced (and whose breaker is not open) is
 * UNKNOWN. Never needed for readiness: a chain that is down has its catalogue served from its last good sync, and
 * taking every instance out of the balancer would stop the other chains' customers too.
 */
@Singleton
final class ChainsHealth implements HealthCheck {
    private final ChainRegistry chains;
    private final CatalogStore store;
    private final CatalogHolder catalog;

    ChainsHealth(ChainRegistry chains, CatalogStore store, CatalogHolder catalog) {
        this.chains = chains;
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "chains";
    }

    @Override
    public boolean neededForReadiness() {
        return false;
    }

    @Override
    public Component check() {
        Map<String, SyncStatus> statuses = store.syncStatuses().stream()
                .collect(Collectors.toMap(SyncStatus::chainId, Function.identity()));
        Map<String, Object> details = new LinkedHashMap<>();
        Component.Status overall = Component.Status.UP;
        for (Chain chain : chains.all()) {
            SyncStatus status = statuses.getOrDefault(chain.id(), SyncStatus.never(chain.id()));
            CircuitBreaker.State breaker = chain.breaker().getState();
            // An open breaker means the chain's live calls keep failing now, whatever the last sync said.
            Component.Status chainStatus = breaker == CircuitBreaker.State.OPEN || breaker == CircuitBreaker.State.FORCED_OPEN
                    ? Component.Status.DOWN
                    : status.lastAttemptAt() == null ? Component.Status.UNKNOWN
                    : status.healthy() ? Component.Status.UP : Component.Status.DOWN;
            if (chainStatus == Component.Status.DOWN) {
                overall = Component.Status.DOWN;
            }
            Map<String, Object> chainDetails = new LinkedHashMap<>();
            chainDetails.put("name", chain.name());
            chainDetails.put("adapter", chain.adapterType());
            chainDetails.put("status", chainStatus.name());
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
        return new Component(overall, details);
    }
}

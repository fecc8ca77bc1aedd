package dev.marquee.gateway.catalog;

import java.time.Instant;

/**
 * Where a chain's catalogue sync stands.
 *
 * @param chainId the chain
 * @param lastAttemptAt when a sync last started, or null if never
 * @param lastSuccessAt when a sync last succeeded, or null if never
 * @param lastError why the last sync failed, or null if it succeeded
 * @param consecutiveFailures failed syncs since the last success
 */
public record SyncStatus(String chainId, Instant lastAttemptAt, Instant lastSuccessAt, String lastError,
        int consecutiveFailures) {

    public static SyncStatus never(String chainId) {
        return new SyncStatus(chainId, null, null, null, 0);
    }

    /** Whether the last attempt succeeded. */
    public boolean healthy() {
        return lastSuccessAt != null && consecutiveFailures == 0;
    }
}

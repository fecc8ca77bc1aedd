package dev.marquee.gateway.clients;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** An API client as the operator sees it; {@code apiKey} only in the answer that issued it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiClientView(String clientId, String name, Instant createdAt, @Nullable Instant revokedAt, @Nullable String apiKey) {

    static ApiClientView of(ApiClient client, @Nullable String apiKey) {
        return new ApiClientView(client.id(), client.name(), client.createdAt(), client.revokedAt(), apiKey);
    }

    /** Every API client, revoked ones too. */
    @Serdeable
    public record Listing(List<ApiClientView> clients) {
    }
}

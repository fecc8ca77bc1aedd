package dev.marquee.gateway.clients;

import dev.marquee.gateway.operator.OperatorKey;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.JsonFields;
import dev.marquee.gateway.web.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The operator API of API clients: issue a key to a consumer booking app (shown once, in the answer), list the clients,
 * revoke a key. Every call carries the operator key.
 */
@Controller("/api/v1/operator/clients")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiClientController {
    private static final int MAX_NAME = 200;

    private final ApiClients clients;
    private final OperatorKey key;

    public ApiClientController(ApiClients clients, OperatorKey key) {
        this.clients = clients;
        this.key = key;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<ApiClientView> issue(Bearer bearer, @Body @Nullable JsonNode body) {
        key.check(bearer);
        JsonFields fields = JsonFields.of(body, "name");
        String name = fields.text("name");
        fields.check();
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw InvalidParametersException.of("name", "a name of 1 to " + MAX_NAME + " characters is required");
        }
        ApiClients.IssuedKey issued = clients.issue(name.strip());
        return HttpResponse.status(HttpStatus.CREATED).body(ApiClientView.of(issued.client(), issued.key()));
    }

    @Get
    public ApiClientView.Listing list(Bearer bearer) {
        key.check(bearer);
        return new ApiClientView.Listing(clients.all().stream().map(client -> ApiClientView.of(client, null)).toList());
    }

    /** Revokes the client's key: its next write is answered 401 (on other instances within {@code key-cache}). */
    @Delete("/{clientId}")
    public ApiClientView revoke(@PathVariable String clientId, Bearer bearer) {
        key.check(bearer);
        return clients.revoke(clientId).map(client -> ApiClientView.of(client, null))
                .orElseThrow(() -> new NotFoundException("API client", clientId));
    }
}

package dev.marquee.gateway.clients;

import dev.marquee.gateway.limits.CustomerAddresses;
import dev.marquee.gateway.limits.Limit;
import dev.marquee.gateway.limits.LimitSettings;
import dev.marquee.gateway.limits.RateLimits;
import dev.marquee.gateway.web.CsrfTokens;
import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The door of every write: a route whose method takes an {@link ApiClient} is let through only with a known,
 * unrevoked key in {@value #HEADER} (401 naming the header otherwise), within the key's and the customer address's
 * shared write rates (429 with {@code Retry-After} otherwise). The key's client then reaches the method as its
 * argument. The gateway's own pages write without a key, as the web app's client, when they prove with their CSRF token
 * ({@link CsrfTokens}) that they are pages of this site. The key's check reads the database, so it runs on the
 * blocking executor, and only for the writes under the paths of bookings' resources: reads never leave the event loop
 * for it.
 */
@ServerFilter(patterns = {"/api/v1/holds", "/api/v1/holds/**", "/api/v1/bookings/**", "/api/v1/shows/*/waitlist",
    "/api/v1/shows/*/queue", "/api/v1/waitlist/**"}, methods = {HttpMethod.POST, HttpMethod.DELETE, HttpMethod.PUT, HttpMethod.PATCH})
final class ApiKeyFilter {
    /** The header that carries a consumer app's API key; {@code Authorization: Bearer} carries hold and booking tokens. */
    static final String HEADER = "X-Api-Key";
    static final String ATTRIBUTE = "marquee.api-client";

    private final ApiClients clients;
    private final RateLimits rates;
    private final CustomerAddresses addresses;
    private final Limit perKey;
    private final Limit perAddress;

    ApiKeyFilter(ApiClients clients, RateLimits rates, CustomerAddresses addresses, LimitSettings settings) {
        this.clients = clients;
        this.rates = rates;
        this.addresses = addresses;
        this.perKey = settings.writesPerKeyLimit();
        this.perAddress = settings.writesPerAddressLimit();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        return needsKey(request) ? admit(request) : null;
    }

    private static boolean needsKey(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(match -> match instanceof MethodBasedRouteMatch<?, ?>)
                .map(match -> Arrays.stream(((MethodBasedRouteMatch<?, ?>) match).getArguments())
                        .map(Argument::getType).anyMatch(ApiClient.class::equals))
                .orElse(false);
    }

    @Nullable
    private HttpResponse<?> admit(HttpRequest<?> request) {
        String key = request.getHeaders().get(HEADER);
        if ((key == null || key.isBlank()) && CsrfTokens.verified(request)) {
            return admitWebApp(request);
        }
        if (key == null || key.isBlank()) {
            return keyRequired(request, "missing", "Send your API key as '" + HEADER + ": <key>'; operators issue keys");
        }
        Optional<ApiClient> client = clients.byKey(key);
        if (client.isEmpty()) {
            return keyRequired(request, "unknown or revoked", "The " + HEADER + " sent is not a key this gateway knows, "
                    + "or it was revoked");
        }
        Optional<Duration> wait = rates.take(perKey, client.get().id());
        if (wait.isPresent()) {
            return tooMany(request, "API key", wait.get());
        }
        wait = rates.take(perAddress, addresses.of(request));
        if (wait.isPresent()) {
            return tooMany(request, "address", wait.get());
        }
        request.setAttribute(ATTRIBUTE, client.get());
        return null;
    }

    /**
     * A write from the gateway's own pages: a browser app cannot keep a key secret, so the pages act as the web app's
     * client, proven same-site by their CSRF token, and are held to the customer address's rate alone (a key's rate
     * would make every visitor share one).
     */
    @Nullable
    private HttpResponse<?> admitWebApp(HttpRequest<?> request) {
        Optional<ApiClient> web = clients.webApp();
        if (web.isEmpty()) {
            return keyRequired(request, "web app revoked", "The operator has stopped the web app's writes; use an app with an "
                    + HEADER);
        }
        Optional<Duration> wait = rates.take(perAddress, addresses.of(request));
        if (wait.isPresent()) {
            return tooMany(request, "address", wait.get());
        }
        request.setAttribute(ATTRIBUTE, web.get());
        return null;
    }

    private static HttpResponse<?> tooMany(HttpRequest<?> request, String whose, Duration wait) {
        Map<String, String> retryAfter = Problems.retryAfter(wait);
        return Problems.response(request, Problem.of(ProblemType.TOO_MANY_REQUESTS, "Too many write requests from this "
                + whose + "; try again in " + retryAfter.get("Retry-After") + " s"), retryAfter);
    }

    private static HttpResponse<?> keyRequired(HttpRequest<?> request, String reason, String detail) {
        return Problems.response(request, Problem.of(ProblemType.API_KEY_REQUIRED, detail)
                .withInvalidParams(List.of(new InvalidParam(HEADER, reason))),
                Map.of("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\""));
    }
}

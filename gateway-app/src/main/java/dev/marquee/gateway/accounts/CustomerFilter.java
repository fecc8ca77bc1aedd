package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.CsrfTokens;
import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one edge that says who the customer is: an access token as {@code Authorization: Bearer <JWT>}, or the
 * {@code marquee_session} cookie, becomes the request's {@link Customer}. Only on the customer's own resources
 * ({@code /api/v1/me/**}, signing out) and on placing a hold, which has no hold token yet: elsewhere a Bearer value is a
 * hold's or a booking's token and is left alone. A credential that does not open a live session is answered 401.
 *
 * <p>A write carried by the cookie must also prove it comes from a page of this site ({@link CsrfTokens}: the
 * {@value CsrfTokens#HEADER} header equal to the {@value CsrfTokens#COOKIE} cookie), or it is answered 403 before anything
 * runs. A write with an access token needs none: no browser attaches one by itself.
 */
@ServerFilter(patterns = {"/api/v1/me", "/api/v1/me/**", "/api/v1/holds", "/api/v1/sessions/current"})
final class CustomerFilter {
    static final String ATTRIBUTE = "marquee.customer";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Customers customers;

    CustomerFilter(Customers customers) {
        this.customers = customers;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> identify(HttpRequest<?> request) {
        if (request.getPath().equals("/api/v1/holds") && request.getMethod() != HttpMethod.POST) {
            return null;
        }
        Optional<Bearer> bearer = Bearer.parse(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (bearer.isPresent()) {
            return admit(request, customers.byAccessToken(bearer.get().token()));
        }
        Optional<Cookie> session = request.getCookies().findCookie(SessionCookies.SESSION).filter(c -> !c.getValue().isBlank());
        if (session.isEmpty()) {
            return null;
        }
        if (!SAFE.contains(request.getMethod()) && !CsrfTokens.verified(request)) {
            return Problems.response(request, Problem.of(ProblemType.CSRF_TOKEN_REQUIRED, "A write signed in by cookie must send "
                    + "the value of the " + SessionCookies.CSRF + " cookie as the " + SessionCookies.CSRF_HEADER + " header")
                    .withInvalidParams(List.of(new InvalidParam(SessionCookies.CSRF_HEADER, "missing or not the "
                            + SessionCookies.CSRF + " cookie's value"))));
        }
        return admit(request, customers.byCookie(session.get().getValue()));
    }

    @Nullable
    private static HttpResponse<?> admit(HttpRequest<?> request, Optional<Customer> customer) {
        if (customer.isEmpty()) {
            return Problems.response(request, Problem.of(ProblemType.UNAUTHORIZED, "The session of this cookie or access token "
                    + "has ended (signed out, expired or revoked); sign in again"), Map.of("WWW-Authenticate", "Bearer"));
        }
        request.setAttribute(ATTRIBUTE, customer.get());
        return null;
    }
}

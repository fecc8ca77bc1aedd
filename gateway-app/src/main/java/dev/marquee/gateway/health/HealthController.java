package dev.marquee.gateway.health;

import dev.marquee.gateway.operator.OperatorKey;
import dev.marquee.gateway.web.Bearer;
import dev.marquee.gateway.web.UnauthorizedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health endpoints for balancers and operators, answered from the last background round ({@link HealthChecks}),
 * on the event loop, with no database or broker call:
 * <ul>
 *   <li>{@code /health/liveness}: 200 while the process serves HTTP at all; a restart is the cure only when it is not.</li>
 *   <li>{@code /health/readiness}: 200 while the database and the broker answer, else 503, so a balancer sends the
 *       instance no traffic it cannot serve. A chain that is down does not count (see {@link HealthReport#ready()}).</li>
 *   <li>{@code /health}: the same status and code as readiness, with every component's details.</li>
 * </ul>
 * Details (chain errors, internal addresses, counts) go only to a caller presenting the operator key as
 * {@code Authorization: Bearer <marquee.operator.key>}; anyone else gets the status alone.
 */
@Controller("/health")
final class HealthController {
    private static final Map<String, Object> UP = Map.of("status", "UP");

    private final HealthChecks checks;
    private final OperatorKey operatorKey;

    HealthController(HealthChecks checks, OperatorKey operatorKey) {
        this.checks = checks;
        this.operatorKey = operatorKey;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> health(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(checks.current(), authorization);
    }

    @Get(uri = "/readiness", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> readiness(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(checks.current().readinessOnly(), authorization);
    }

    @Get(uri = "/liveness", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> liveness() {
        return HttpResponse.ok(UP).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private HttpResponse<Map<String, Object>> answer(HealthReport report, @Nullable String authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "UP" : "DOWN");
        if (isOperator(authorization)) {
            body.put("round", report.round());
            body.put("checkedAt", report.checkedAt().map(Object::toString).orElse(null));
            Map<String, Object> details = new LinkedHashMap<>();
            report.components().forEach((name, component) -> {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("status", component.status().name());
                shown.put("details", component.details());
                details.put(name, shown);
            });
            body.put("details", details);
        }
        return HttpResponse.<Map<String, Object>>status(report.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private boolean isOperator(@Nullable String authorization) {
        return Bearer.parse(authorization).map(bearer -> {
            try {
                operatorKey.check(bearer);
                return true;
            } catch (UnauthorizedException notTheKey) {
                return false;
            }
        }).orElse(false);
    }
}

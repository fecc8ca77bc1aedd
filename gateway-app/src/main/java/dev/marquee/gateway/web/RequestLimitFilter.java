package dev.marquee.gateway.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.uri.UriMatchInfo;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns away requests before a controller sees them: a path with a trailing slash is no resource of this
 * API (404, as for any unknown path, rather than the same answer as without it), and a path or query value
 * the route reads that is longer than {@link RequestLimits#maxParameterLength()}, or holds a control
 * character, is answered 400 naming it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestLimitFilter {
    private final int maxLength;

    RequestLimitFilter(RequestLimits limits) {
        this.maxLength = limits.maxParameterLengthOrDefault();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            return Problems.response(request, Problem.of(ProblemType.ROUTE_NOT_FOUND,
                    "No resource at this path; paths of this API do not end with '/'"));
        }
        List<InvalidParam> wrong = new ArrayList<>();
        RouteAttributes.getRouteMatch(request).ifPresent(match -> {
            if (match instanceof UriMatchInfo uri) {
                uri.getVariableValues().forEach((name, value) -> check(name, String.valueOf(value), wrong));
            }
            // Only the parameters the route reads: others are ignored anyway, and Netty bounds the request line.
            Set<String> read = arguments(match);
            for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
                if (read.contains(parameter.getKey())) {
                    parameter.getValue().forEach(value -> check(parameter.getKey(), value, wrong));
                }
            }
        });
        return wrong.isEmpty() ? null : Problems.response(request, new InvalidParametersException(wrong).problem());
    }

    private static Set<String> arguments(RouteMatch<?> match) {
        if (match instanceof MethodBasedRouteMatch<?, ?> method) {
            return Arrays.stream(method.getArguments()).map(Argument::getName).collect(Collectors.toSet());
        }
        return Set.of();
    }

    private void check(String name, String value, List<InvalidParam> wrong) {
        if (wrong.stream().anyMatch(p -> p.name().equals(name))) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            wrong.add(new InvalidParam(name, "must be at most " + maxLength + " characters, got " + length));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            // No id, date or search has them, and PostgreSQL refuses a NUL in text outright (a 500 otherwise).
            wrong.add(new InvalidParam(name, "must not contain control characters"));
        }
    }
}

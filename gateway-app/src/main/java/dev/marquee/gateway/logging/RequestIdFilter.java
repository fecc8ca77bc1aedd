package dev.marquee.gateway.logging;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

/**
 * Gives every request its {@link RequestId}: the incoming {@code X-Request-Id} when it is acceptable, else a new one.
 * The id goes into the MDC of whatever thread works on the request (Micronaut carries the MDC along with the request's
 * propagated context, to blocking executors too) and back in the answer's header. Runs before every other filter, so
 * that their answers (a 400 for a path too long, say) carry it as well.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {
    private static final String ATTRIBUTE = RequestIdFilter.class.getName();

    @RequestFilter
    void identify(HttpRequest<?> request, MutablePropagatedContext context) {
        String incoming = request.getHeaders().get(RequestId.HEADER);
        String id = RequestId.acceptable(incoming) ? incoming : RequestId.generate();
        request.setAttribute(ATTRIBUTE, id);
        // Put, captured into the request's context, and taken off this event-loop thread, which serves other requests.
        MDC.put(RequestId.MDC_KEY, id);
        try {
            context.add(new MdcPropagationContext());
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }
    }

    @ResponseFilter
    void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.header(RequestId.HEADER, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

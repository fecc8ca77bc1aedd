package dev.marquee.sandbox.faults;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpRequestWrapper;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Applies the faults in force to the theatre API, before anything else looks at a request (the API key
 * included: a chain that is down does not check keys). Latency is a timer on the connection's event
 * loop, so a slow sandbox still holds no thread per waiting request.
 */
@Filter("/theatre/**")
public class FaultFilter implements HttpServerFilter {
    private static final Logger LOG = LoggerFactory.getLogger(FaultFilter.class);

    private final FaultInjector faults;

    public FaultFilter(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        FaultInjector.Verdict verdict = faults.judge(request.getMethod(), request.getPath());
        if (verdict.action() == FaultInjector.Action.PROCEED && verdict.delay().isZero()) {
            return chain.proceed(request);
        }
        ChannelHandlerContext channel = channelOf(request);
        Mono<MutableHttpResponse<?>> then = Mono.defer(() -> switch (verdict.action()) {
            case PROCEED -> Mono.from(chain.proceed(request));
            case UNAVAILABLE -> Mono.just(Problem.UNAVAILABLE.response("Injected fault (" + verdict.reason()
                    + "): the theatre system is unavailable"));
            case REFUSE -> refuse(request, channel);
        });
        return verdict.delay().isZero() ? then : after(verdict, channel).then(then);
    }

    /** Completes after the verdict's delay, on the connection's event loop where there is one. */
    private static Mono<Void> after(FaultInjector.Verdict verdict, ChannelHandlerContext channel) {
        if (channel == null) {
            return Mono.delay(verdict.delay()).then();
        }
        CompletableFuture<Void> timer = new CompletableFuture<>();
        channel.executor().schedule(() -> timer.complete(null), verdict.delay().toMillis(), TimeUnit.MILLISECONDS);
        return Mono.fromFuture(timer);
    }

    private static Mono<MutableHttpResponse<?>> refuse(HttpRequest<?> request, ChannelHandlerContext channel) {
        if (channel == null) {
            LOG.warn("Cannot close the connection of {} {}; answering 503 instead", request.getMethod(), request.getPath());
            return Mono.just(Problem.UNAVAILABLE.response("Injected fault (outage): the theatre system is unavailable"));
        }
        // On the event loop the close takes effect at once, so the answer below is never written: the
        // client sees the connection end without a response. The answer only completes the exchange here.
        channel.channel().close();
        return Mono.just(Problem.UNAVAILABLE.response("Injected fault (outage): connection closed"));
    }

    private static ChannelHandlerContext channelOf(HttpRequest<?> request) {
        HttpRequest<?> unwrapped = request;
        while (unwrapped instanceof HttpRequestWrapper<?> wrapper) {
            unwrapped = wrapper.getDelegate();
        }
        return unwrapped instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext() : null;
    }
}

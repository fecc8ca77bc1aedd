package dev.marquee.gateway.logging;

import dev.marquee.gateway.integration.ChainRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.MDC;

/** What a request's own threads see of its id; only in the request id tests. */
@Controller("/test/request-id")
@Requires(property = "test.request-id-probe", value = "true")
final class RequestIdProbeController {
    private final ChainRegistry chains;

    RequestIdProbeController(ChainRegistry chains) {
        this.chains = chains;
    }

    @Get("/event-loop")
    String onTheEventLoop() {
        return String.valueOf(MDC.get(RequestId.MDC_KEY));
    }

    @Get("/blocking")
    @ExecuteOn(TaskExecutors.BLOCKING)
    String onABlockingThread() {
        return String.valueOf(MDC.get(RequestId.MDC_KEY));
    }

    /** Reads seats of the probe chain, as a seat map's first read does. */
    @Get("/chain")
    @ExecuteOn(TaskExecutors.BLOCKING)
    String callingTheChain() {
        return chains.chain("probe").orElseThrow().theatre().readSeats("s1").showRef();
    }
}

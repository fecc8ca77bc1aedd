package dev.marquee.sandbox.faults;

import dev.marquee.sandbox.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.Set;

/**
 * {@code /sandbox/v1/faults}: switches fault injection on the theatre API on and off
 * (contracts/sandbox-admin-api.yaml). A PUT replaces every setting; what it leaves out is off.
 */
@Controller("/sandbox/v1/faults")
public class FaultController {
    private static final Set<String> FIELDS = Set.of("latencyMs", "latencyJitterMs", "errorRate", "outage", "outageMode",
            "refuseLocks", "seed");

    private final FaultInjector injector;

    public FaultController(FaultInjector injector) {
        this.injector = injector;
    }

    /** The faults as the admin API shows them. */
    @Serdeable
    public record FaultsView(long latencyMs, long latencyJitterMs, double errorRate, boolean outage, String outageMode,
            boolean refuseLocks, long seed) {
        static FaultsView of(Faults faults) {
            return new FaultsView(faults.latencyMs(), faults.latencyJitterMs(), faults.errorRate(), faults.outage(),
                    faults.outageMode().wireName(), faults.refuseLocks(), faults.seed());
        }
    }

    @Get
    public FaultsView current() {
        return FaultsView.of(injector.current());
    }

    @Put
    public HttpResponse<?> replace(@Body @Nullable JsonNode request) {
        Faults faults;
        try {
            faults = parse(request);
        } catch (Faults.InvalidFault e) {
            Map<String, Object> problem = Problem.BAD_REQUEST.body(e.getMessage());
            problem.put("field", e.field());
            return HttpResponse.badRequest(problem).contentType(Problem.PROBLEM_JSON);
        }
        return HttpResponse.ok(FaultsView.of(injector.apply(faults)));
    }

    @Delete
    public HttpResponse<Void> clear() {
        injector.clear();
        return HttpResponse.noContent();
    }

    private Faults parse(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new Faults.InvalidFault("body", "The body must be a JSON object of fault settings");
        }
        for (Map.Entry<String, JsonNode> entry : request.entries()) {
            if (!FIELDS.contains(entry.getKey())) {
                throw new Faults.InvalidFault(entry.getKey(), entry.getKey() + " is not a fault setting; known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        return new Faults(
                wholeNumber(request, "latencyMs", 0),
                wholeNumber(request, "latencyJitterMs", 0),
                number(request, "errorRate"),
                flag(request, "outage"),
                outageMode(request),
                flag(request, "refuseLocks"),
                wholeNumber(request, "seed", injector.defaultSeed()));
    }

    private static long wholeNumber(JsonNode request, String field, long absent) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isNumber() || value.getNumberValue().doubleValue() != Math.rint(value.getNumberValue().doubleValue())) {
            throw new Faults.InvalidFault(field, field + " must be a whole number, was " + describe(value));
        }
        return value.getLongValue();
    }

    private static double number(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber()) {
            throw new Faults.InvalidFault(field, field + " must be a number from 0 to 1, was " + describe(value));
        }
        return value.getDoubleValue();
    }

    private static boolean flag(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new Faults.InvalidFault(field, field + " must be true or false, was " + describe(value));
        }
        return value.getBooleanValue();
    }

    private static String describe(JsonNode value) {
        if (value.isString()) {
            return '"' + value.getStringValue() + '"';
        }
        if (value.isValueNode()) {
            return value.coerceStringValue();
        }
        return value.isArray() ? "an array" : "an object";
    }

    private static Faults.OutageMode outageMode(JsonNode request) {
        JsonNode value = request.get("outageMode");
        if (value == null || value.isNull()) {
            return Faults.OutageMode.UNAVAILABLE;
        }
        if (!value.isString()) {
            throw new Faults.InvalidFault("outageMode", "outageMode must be \"unavailable\" or \"refuse\", was " + describe(value));
        }
        return Faults.OutageMode.parse(value.getStringValue());
    }
}

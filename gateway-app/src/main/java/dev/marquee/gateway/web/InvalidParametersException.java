package dev.marquee.gateway.web;

import java.util.List;
import java.util.stream.Collectors;

/** The request's parameters are wrong; answered 400 naming each parameter at fault. */
public class InvalidParametersException extends ProblemException {
    private final List<InvalidParam> params;

    public InvalidParametersException(List<InvalidParam> params) {
        super(problem(params));
        this.params = List.copyOf(params);
    }

    public static InvalidParametersException of(String name, String reason) {
        return new InvalidParametersException(List.of(new InvalidParam(name, reason)));
    }

    public List<InvalidParam> params() {
        return params;
    }

    private static Problem problem(List<InvalidParam> params) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("name at least one parameter");
        }
        String detail = params.stream().map(p -> p.name() + ": " + p.reason()).collect(Collectors.joining("; "));
        return Problem.of(ProblemType.INVALID_PARAMETERS, detail).withInvalidParams(params);
    }
}

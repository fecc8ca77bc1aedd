package dev.marquee.gateway.web;

import java.util.List;
import java.util.stream.Collectors;

/** The request's parameters are wrong; answered 400 naming each parameter at fault. */
public class InvalidParametersException extends RuntimeException {
    private final List<InvalidParam> params;

    public InvalidParametersException(List<InvalidParam> params) {
        super(params.stream().map(p -> p.name() + ": " + p.reason()).collect(Collectors.joining("; ")));
        if (params.isEmpty()) {
            throw new IllegalArgumentException("name at least one parameter");
        }
        this.params = List.copyOf(params);
    }

    public static InvalidParametersException of(String name, String reason) {
        return new InvalidParametersException(List.of(new InvalidParam(name, reason)));
    }

    public List<InvalidParam> params() {
        return params;
    }
}

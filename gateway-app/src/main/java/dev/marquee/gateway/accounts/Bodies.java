package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.InvalidParametersException;
import java.util.List;

/** Turns the faults the rules found into the 400 that names each field. */
final class Bodies {
    private Bodies() {
    }

    static InvalidParametersException invalid(List<Fault> faults) {
        return new InvalidParametersException(faults.stream().map(f -> new InvalidParam(f.field(), f.reason())).toList());
    }

    /** A text field that must be there. */
    static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw InvalidParametersException.of(field, "is required");
        }
        return value;
    }
}

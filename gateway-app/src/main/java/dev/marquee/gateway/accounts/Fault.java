package dev.marquee.gateway.accounts;

import java.util.Objects;

/** A field of a request at fault, and why. */
public record Fault(String field, String reason) {
    public Fault {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}

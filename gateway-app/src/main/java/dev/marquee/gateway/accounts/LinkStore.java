package dev.marquee.gateway.accounts;

import java.time.Instant;
import java.util.Optional;

/** Where single-use links are kept. */
public interface LinkStore {

    void insert(Link link);

    Optional<Link> link(String tokenHash);

    /** Marks the link used, unless it was already: false then (someone else followed it first). */
    boolean markUsed(String tokenHash, Instant now);
}

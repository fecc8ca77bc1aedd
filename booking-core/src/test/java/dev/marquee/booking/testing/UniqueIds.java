package dev.marquee.booking.testing;

import java.util.UUID;

/** Ids no other test used, so contract tests can share a database that is not emptied between them. */
public final class UniqueIds {
    private UniqueIds() {
    }

    /** {@code prefix_} and 24 random hex digits: short enough for the gateway's 40-character id columns. */
    public static String next(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}

package dev.marquee.sandbox.catalog;

import java.util.Objects;

/**
 * Where a catalogue read stands, and what its opaque cursor says.
 *
 * <p>A read covers the rows whose revision is above {@code from}; shows come in revision order and
 * {@code after} is the revision of the last show already delivered. Two cursor forms:
 * {@code p.<complete>.<from>.<after>} continues a read; {@code r.<revision>} (given when a read is
 * done) starts the next read a few revisions ({@code overlap}) before the highest one delivered.
 */
public record ReadPosition(boolean complete, long from, long after) {
    public ReadPosition {
        if (from < 0 || after < from) {
            throw new IllegalArgumentException("bad read position " + from + "/" + after);
        }
    }

    /** The position of a read without a cursor: everything, {@code complete}. */
    public static ReadPosition start() {
        return new ReadPosition(true, 0, 0);
    }

    public boolean firstPage() {
        return after == from;
    }

    public String continuation(long lastDelivered) {
        return "p." + (complete ? 1 : 0) + "." + from + "." + lastDelivered;
    }

    public static String resumeAt(long highestDelivered) {
        return "r." + highestDelivered;
    }

    /**
     * Parses a cursor this sandbox handed out.
     *
     * @throws IllegalArgumentException when the text is not such a cursor
     */
    public static ReadPosition parse(String cursor, int overlap) {
        Objects.requireNonNull(cursor, "cursor");
        String[] parts = cursor.split("\\.");
        try {
            if (parts.length == 2 && parts[0].equals("r")) {
                long revision = Long.parseLong(parts[1]);
                long from = Math.max(0, revision - overlap);
                return new ReadPosition(false, from, from);
            }
            if (parts.length == 4 && parts[0].equals("p") && (parts[1].equals("0") || parts[1].equals("1"))) {
                return new ReadPosition(parts[1].equals("1"), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this catalogue");
    }
}

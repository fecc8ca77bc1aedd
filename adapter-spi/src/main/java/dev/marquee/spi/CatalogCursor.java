package dev.marquee.spi;

/**
 * Where a catalogue read left off. Its value is opaque to the gateway: only the chain that issued it
 * understands it. {@link #START} asks for the whole catalogue.
 *
 * @param value the chain's position, empty for {@link #START}
 */
public record CatalogCursor(String value) {
    /** The cursor before anything was read. */
    public static final CatalogCursor START = new CatalogCursor("");

    public CatalogCursor {
        Checks.required(value, "value");
    }

    /** Whether this cursor asks for the whole catalogue. */
    public boolean isStart() {
        return value.isEmpty();
    }
}

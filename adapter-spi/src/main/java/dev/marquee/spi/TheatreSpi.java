package dev.marquee.spi;

/**
 * Facts about this version of the adapter SPI.
 *
 * <p>The SPI grows only through {@code default} methods and new optional interfaces, so an adapter
 * built against an older version keeps loading. {@link #VERSION} is raised whenever something is
 * added; an adapter reports the version it was built against through
 * {@link TheatreAdapterFactory#spiVersion()}.
 */
public final class TheatreSpi {
    /** The version of the SPI this jar defines. */
    public static final int VERSION = 1;

    private TheatreSpi() {
    }
}

package dev.marquee.spi;

/**
 * Facts about this version of the adapter SPI.
 *
 * <p>The SPI grows only through {@code default} methods and new optional interfaces, so an adapter
 * built against an older version keeps loading. {@link #VERSION} is raised whenever something is
 * added; an adapter reports the version it was built against through
 * {@link TheatreAdapterFactory#spiVersion()}.
 *
 * <p>Versions:
 * <ol>
 *   <li>The first.</li>
 *   <li>{@link ConfirmOutcome.AlreadyConfirmed} carries the booking's tickets, so that a repeated
 *       confirmation gives the gateway everything the first one did. This changed a record rather than
 *       adding to the SPI: an adapter built against version 1 must be rebuilt.</li>
 *   <li>{@link ChainContext}: {@link TheatreAdapterFactory#create(ChainContext, java.util.Map)} gives an
 *       adapter the gateway's clock, a logger name and a {@link ChainMetrics} hook. {@link TheatreAdapter#release}
 *       answers a {@link ReleaseOutcome}, so that releasing a confirmed lock is an answer rather than an
 *       exception; {@link TheatreAdapter#releaseLock} is deprecated. Both are default methods: an adapter
 *       built against version 2 loads unchanged.</li>
 *   <li>{@link TheatreAdapter#findLock} and {@link TheatreAdapter#findBooking} look a lock or a booking up by
 *       the caller's reference ({@link LockLookup}, {@link BookingLookup}), so that a call whose outcome is
 *       unknown can be settled by asking. Both are default methods answering {@code Unsupported}: an
 *       adapter built against version 3 loads unchanged.</li>
 *   <li>{@link ChainContext#requestId()} ({@link RequestIds}): the id of the gateway request a call is made for, which
 *       an HTTP adapter sends to the chain as {@code X-Request-Id}. {@link ChainContext} keeps its constructor of
 *       version 4, so an adapter built against it loads and runs unchanged (it just sends no id).</li>
 * </ol>
 *
 * <p>{@code docs/adapter-spi.md} in the Marquee repository spells out the rules.
 */
public final class TheatreSpi {
    /** The version of the SPI this jar defines. */
    public static final int VERSION = 5;

    private TheatreSpi() {
    }
}

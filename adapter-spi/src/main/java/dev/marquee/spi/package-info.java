/**
 * The contract between the Marquee gateway and a theatre chain.
 *
 * <p>A chain is plugged in by implementing {@link dev.marquee.spi.TheatreAdapterFactory} and
 * {@link dev.marquee.spi.TheatreAdapter} and registering the factory for {@link java.util.ServiceLoader}.
 * This package depends on the JDK alone.
 */
package dev.marquee.spi;

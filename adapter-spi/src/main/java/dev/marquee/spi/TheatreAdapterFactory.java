package dev.marquee.spi;

import java.util.Map;
import java.util.Set;

/**
 * Creates {@link TheatreAdapter}s of one type. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.marquee.spi.TheatreAdapterFactory}.
 *
 * <p>A gateway configures each chain with an adapter {@link #type()} and a flat map of settings,
 * for example {@code base-url} and {@code api-key} for an HTTP adapter.
 */
public interface TheatreAdapterFactory {

    /** The name chains use to pick this adapter in configuration, such as {@code rest} or {@code jdbc}. */
    String type();

    /** The SPI version this adapter was built against. */
    default int spiVersion() {
        return TheatreSpi.VERSION;
    }

    /** Setting keys whose values are secrets (passwords, API keys), so the gateway can mask them in logs. */
    default Set<String> secretSettings() {
        return Set.of();
    }

    /**
     * Creates an adapter for one chain known by its id alone.
     *
     * <p>Every adapter implements this method; an adapter built against version 2 does all its work here.
     * One built against version 3 or later does its work in {@link #create(ChainContext, Map)} and
     * implements this one as {@code return create(ChainContext.of(chainId), settings);}. The gateway calls
     * only {@link #create(ChainContext, Map)}; tools and tests may call this one.
     *
     * @param chainId the gateway's id of the chain, to be named in the adapter's exceptions
     * @param settings the chain's adapter settings
     * @throws IllegalArgumentException when a setting is missing or invalid; the message names the key
     */
    TheatreAdapter create(String chainId, Map<String, String> settings);

    /**
     * Creates an adapter for one chain with what the gateway gives it: the chain's id, the gateway's clock,
     * a logger name and a metrics hook. This is the method the gateway calls.
     *
     * <p>The default serves adapters built against version 2, which know nothing of the context: it calls
     * {@link #create(String, Map)} with the chain's id, and the adapter keeps its own clock and logging.
     * An adapter built against version 3 or later overrides it.
     *
     * <p>This default calls {@link #create(String, Map)} and never the other way round, so an adapter that
     * overrides only one of the two cannot call itself in a circle: the compiler demands
     * {@link #create(String, Map)}, and overriding this method is what gives the adapter the context.
     *
     * @param context the chain and the gateway's clock, logger name and metrics
     * @param settings the chain's adapter settings
     * @throws IllegalArgumentException when a setting is missing or invalid; the message names the key
     * @since 3
     */
    default TheatreAdapter create(ChainContext context, Map<String, String> settings) {
        return create(context.chainId(), settings);
    }
}

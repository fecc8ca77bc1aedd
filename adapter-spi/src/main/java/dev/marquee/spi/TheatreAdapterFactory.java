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
     * Creates an adapter for one chain.
     *
     * @param chainId the gateway's id of the chain, to be named in the adapter's exceptions
     * @param settings the chain's adapter settings
     * @throws IllegalArgumentException when a setting is missing or invalid; the message names the key
     */
    TheatreAdapter create(String chainId, Map<String, String> settings);
}

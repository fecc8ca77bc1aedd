package dev.marquee.gateway.integration;

import dev.marquee.gateway.logging.RequestId;
import dev.marquee.spi.ChainContext;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreAdapterFactory;
import dev.marquee.spi.TheatreException;
import dev.marquee.spi.TheatreSpi;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured chains, each with its adapter found through {@link ServiceLoader} and its own circuit
 * breaker. Startup fails with a clear message when a chain names an adapter type that is not there. Each
 * adapter is created with a {@link ChainContext} carrying the gateway's clock, which its breaker uses too.
 */
@Context
public class ChainRegistry {
    /** The oldest SPI version whose adapters still work here. */
    static final int OLDEST_SPI_VERSION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ChainRegistry.class);
    /** How long a confirmation waits for one of its chain's concurrent confirmations before it is retried later. */
    static final Duration CONFIRM_QUEUE_WAIT = Duration.ofSeconds(30);
    private static final Pattern CHAIN_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Map<String, Chain> chains = new LinkedHashMap<>();

    public ChainRegistry(List<ChainConfiguration> configurations, Clock clock) {
        this(configurations, ServiceLoader.load(TheatreAdapterFactory.class).stream().map(ServiceLoader.Provider::get).toList(),
                clock);
    }

    ChainRegistry(List<ChainConfiguration> configurations, List<TheatreAdapterFactory> factories, Clock clock) {
        Map<String, TheatreAdapterFactory> byType = new TreeMap<>();
        for (TheatreAdapterFactory factory : factories) {
            if (factory.spiVersion() > TheatreSpi.VERSION) {
                throw new ConfigurationException("Adapter type '" + factory.type() + "' needs SPI version "
                        + factory.spiVersion() + " but this gateway has " + TheatreSpi.VERSION);
            }
            if (factory.spiVersion() < OLDEST_SPI_VERSION) {
                // Version 2 changed a record adapters build (a repeated confirmation carries its tickets).
                throw new ConfigurationException("Adapter type '" + factory.type() + "' was built for SPI version "
                        + factory.spiVersion() + "; this gateway needs version " + OLDEST_SPI_VERSION + " or newer: rebuild it");
            }
            byType.put(factory.type(), factory);
            LOG.info("Registered theatre adapter type '{}' ({})", factory.type(), factory.getClass().getName());
        }
        for (ChainConfiguration configuration : configurations.stream()
                .sorted(java.util.Comparator.comparing(ChainConfiguration::id)).toList()) {
            chains.put(configuration.id(), open(configuration, byType, clock));
        }
    }

    private static Chain open(ChainConfiguration configuration, Map<String, TheatreAdapterFactory> byType, Clock clock) {
        String id = configuration.id();
        if (!CHAIN_ID.matcher(id).matches()) {
            throw new ConfigurationException("marquee.chains." + id + ": a chain id must be a lower-case slug "
                    + "matching " + CHAIN_ID.pattern());
        }
        if (configuration.confirmConcurrency() < 1) {
            throw new ConfigurationException("marquee.chains." + id + ".max-concurrent-confirms must be at least 1, got "
                    + configuration.confirmConcurrency());
        }
        if (configuration.adapter() == null || configuration.adapter().isBlank()) {
            throw new ConfigurationException("marquee.chains." + id + ".adapter is required; available types: " + byType.keySet());
        }
        TheatreAdapterFactory factory = byType.get(configuration.adapter());
        if (factory == null) {
            throw new ConfigurationException("marquee.chains." + id + ".adapter = '" + configuration.adapter()
                    + "', but no such adapter type is on the classpath; available types: " + byType.keySet());
        }
        TheatreAdapter adapter;
        try {
            adapter = factory.create(context(id, clock), configuration.adapterSettings());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("marquee.chains." + id + ".settings: " + e.getMessage(), e);
        }
        CircuitBreakerConfig breakerConfig;
        try {
            breakerConfig = breakerConfig(configuration.breakerSettings(), clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("marquee.chains." + id + ".breaker: " + e.getMessage()
                    + " (" + configuration.breakerSettings() + ")", e);
        }
        CircuitBreaker breaker = CircuitBreaker.of("chain-" + id, breakerConfig);
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("Chain {} circuit breaker: {}", id, event.getStateTransition()));
        LOG.info("Chain {} ({}) uses adapter '{}' with settings {}", id, configuration.displayName(),
                configuration.adapter(), masked(configuration.adapterSettings(), factory));
        return new Chain(id, configuration.displayName(), configuration.adapter(),
                new GuardedTheatre(id, adapter, breaker,
                        ConfirmLimit.adaptive(id, configuration.confirmConcurrency(), configuration.confirmSlowAfter(), CONFIRM_QUEUE_WAIT)), breaker,
                configuration);
    }

    /**
     * The gateway's clock, the chain's own logger, metrics that log each call at DEBUG, and the id of the request the
     * calling thread works for (from its MDC), which an HTTP adapter sends to the chain.
     */
    static ChainContext context(String chainId, Clock clock) {
        String loggerName = ChainContext.LOGGER_PREFIX + chainId;
        return new ChainContext(chainId, clock, loggerName, new LoggedChainMetrics(loggerName + ".calls"), RequestId::current);
    }

    private static CircuitBreakerConfig breakerConfig(BreakerSettings settings, Clock clock) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRate())
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimum())
                .waitDurationInOpenState(settings.open())
                .permittedNumberOfCallsInHalfOpenState(2)
                // The open state ends by the clock: the first call after the wait, measured with the gateway's
                // clock, is let through as a trial. An automatic transition would run on a timer that no
                // clock moves, so an open breaker stays OPEN (and the chain DOWN in /health) until that call.
                .clock(clock)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // Only the chain's own failures count; outcomes such as "seat taken" are answers.
                .recordExceptions(TheatreException.class)
                .build();
    }

    private static Map<String, String> masked(Map<String, String> settings, TheatreAdapterFactory factory) {
        return settings.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> factory.secretSettings().contains(e.getKey()) ? "****" : e.getValue(), (a, b) -> a, TreeMap::new));
    }

    public Collection<Chain> all() {
        return chains.values();
    }

    public Optional<Chain> chain(String id) {
        return Optional.ofNullable(chains.get(id));
    }

    @PreDestroy
    void close() {
        for (Chain chain : chains.values()) {
            try {
                chain.theatre().close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the adapter of chain {} failed", chain.id(), e);
            }
        }
    }
}

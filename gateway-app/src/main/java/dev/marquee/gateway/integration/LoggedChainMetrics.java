package dev.marquee.gateway.integration;

import dev.marquee.spi.ChainMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a chain's adapter reports about its calls, logged at DEBUG (decisions, not lifecycle) under
 * {@code dev.marquee.adapter.<chainId>.calls}, so that an operator can follow one chain's calls by
 * raising one logger. Never throws, as the SPI asks of a metrics hook.
 */
final class LoggedChainMetrics implements ChainMetrics {
    private final Logger log;

    LoggedChainMetrics(String loggerName) {
        this.log = LoggerFactory.getLogger(loggerName);
    }

    @Override
    public void timing(String operation, Duration took, boolean failed) {
        log.debug("{} {} after {} ms", operation, failed ? "failed" : "answered", took.toMillis());
    }

    @Override
    public void count(String name) {
        log.debug("{}", name);
    }
}

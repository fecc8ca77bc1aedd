package dev.marquee.gateway.deployment;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link ProductionGuard} as the context starts, before the server takes requests: outside demo mode a
 * demo setting stops the start with a message naming each one; in demo mode they are listed at WARN, so that a demo
 * run says it is one.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DemoModeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DemoModeCheck.class);

    public DemoModeCheck(Environment environment) {
        List<DemoSetting> found = ProductionGuard.demoSettings(environment);
        if (!ProductionGuard.demo(environment)) {
            if (!found.isEmpty()) {
                throw new ConfigurationException(ProductionGuard.refusal(found));
            }
            LOG.info("Production mode: no demo settings ({} is not set)", ProductionGuard.DEMO_KEY);
        } else if (found.isEmpty()) {
            LOG.info("Demo mode ({}), though no demo setting is in use", ProductionGuard.DEMO_KEY);
        } else {
            LOG.warn("Demo mode ({}): not for production. Running with {} demo setting(s):{}", ProductionGuard.DEMO_KEY,
                    found.size(), found.stream().map(setting -> System.lineSeparator() + "  - " + setting).reduce("", String::concat));
        }
    }
}

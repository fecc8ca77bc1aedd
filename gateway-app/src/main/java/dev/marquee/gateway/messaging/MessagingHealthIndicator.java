package dev.marquee.gateway.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The broker connection, the outbox backlog and the dead letters. DOWN while the broker is unreachable
 * (the work waits in the outbox meanwhile); dead letters are listed so that someone looks at them.
 */
@Singleton
@Requires(beans = Messaging.class)
public class MessagingHealthIndicator implements HealthIndicator {
    private final Messaging messaging;

    public MessagingHealthIndicator(Messaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = messaging.status();
        HealthStatus status = messaging.connected() ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("messaging", status).details(details).build());
    }
}

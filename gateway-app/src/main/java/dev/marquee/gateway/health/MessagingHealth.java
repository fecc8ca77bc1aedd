package dev.marquee.gateway.health;

import dev.marquee.gateway.messaging.Messaging;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker connection, the outbox backlog and the dead letters. DOWN while the broker is unreachable: the work
 * waits in the outbox meanwhile, but a payment's webhook would be the only thing still taken, so the instance is
 * not ready. Dead letters are listed so that someone looks at them.
 */
@Singleton
@Requires(beans = Messaging.class)
final class MessagingHealth implements HealthCheck {
    private final Messaging messaging;

    MessagingHealth(Messaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public String name() {
        return "messaging";
    }

    @Override
    public boolean neededForReadiness() {
        return true;
    }

    @Override
    public Component check() {
        boolean connected = messaging.connected();
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            details.putAll(messaging.status());
        } catch (RuntimeException e) {
            // The backlog is read from the database, which the database's own check reports.
            details.put("connected", connected);
            details.put("error", e.toString());
        }
        return new Component(connected ? Component.Status.UP : Component.Status.DOWN, details);
    }
}

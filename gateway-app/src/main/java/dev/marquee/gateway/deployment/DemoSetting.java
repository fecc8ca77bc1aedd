package dev.marquee.gateway.deployment;

import java.util.Objects;

/**
 * A setting that is fine for a demo and wrong for production, as the production guard found it.
 *
 * @param key the configuration key, {@code marquee.payments.webhook-secret}
 * @param variable the environment variable that sets it, {@code MARQUEE_PAYMENTS_WEBHOOK_SECRET}
 * @param problem what is wrong with its value, without the value when that is a secret of the operator's own
 */
public record DemoSetting(String key, String variable, String problem) {
    public DemoSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String toString() {
        return key + " (" + variable + "): " + problem;
    }
}

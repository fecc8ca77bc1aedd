package dev.marquee.gateway;

import io.micronaut.runtime.Micronaut;

/** Starts the Marquee gateway. */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        // With JSON logs (MARQUEE_LOG_FORMAT=json) every line of the console is a JSON object: no banner.
        String logFormat = System.getProperty("MARQUEE_LOG_FORMAT", System.getenv().getOrDefault("MARQUEE_LOG_FORMAT", "text"));
        Micronaut.build(args).mainClass(GatewayApplication.class).banner(!"json".equals(logFormat)).start();
    }
}

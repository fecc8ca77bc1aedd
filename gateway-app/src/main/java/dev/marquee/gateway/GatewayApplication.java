package dev.marquee.gateway;

import io.micronaut.runtime.Micronaut;

/** Starts the Marquee gateway. */
public final class GatewayApplication {
    private GatewayApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(GatewayApplication.class, args);
    }
}

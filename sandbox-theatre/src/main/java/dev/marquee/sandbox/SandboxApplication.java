package dev.marquee.sandbox;

import io.micronaut.runtime.Micronaut;

/** Starts one simulated theatre chain. */
public final class SandboxApplication {
    private SandboxApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(SandboxApplication.class, args);
    }
}

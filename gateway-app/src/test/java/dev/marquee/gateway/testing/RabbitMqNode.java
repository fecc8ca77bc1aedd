package dev.marquee.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The RabbitMQ node on this machine, stopped and started with {@code rabbitmqctl} to test what the gateway
 * does while its broker is away. Stopping it affects everyone using the broker at that moment.
 */
public final class RabbitMqNode {
    private static final long TIMEOUT_SECONDS = 60;

    private RabbitMqNode() {
    }

    /** Stops the RabbitMQ application (the Erlang node stays up, so it can be started again quickly). */
    public static void stopApp() {
        rabbitmqctl("stop_app");
    }

    /** Starts the RabbitMQ application and waits until it accepts clients. */
    public static void startApp() {
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
    }

    /** Starts the application if a test stopped it and failed before starting it again; harmless when it runs. */
    public static void ensureRunning() {
        startApp();
    }

    private static void rabbitmqctl(String command) {
        List<String> line = List.of("rabbitmqctl", "-q", command);
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + command + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run rabbitmqctl " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running rabbitmqctl " + command, e);
        }
    }
}

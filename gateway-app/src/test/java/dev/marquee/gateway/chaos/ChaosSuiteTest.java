package dev.marquee.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.GatewayProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A shortened run of the chaos suite ({@code bench/chaos.sh}, docs/reliability.md): a dozen bookings while the
 * gateway is killed, its private RabbitMQ and PostgreSQL restarted and the chain slowed, two of them paid after
 * their hold ended and a rival booked the seats (so refunded), then every invariant counted from the tables. Its control run is the same run with one guard taken away, the broker's store: the
 * gateway on its embedded broker with messages in memory (a legitimate setting), so the kill loses the payment
 * being confirmed, and the checks must show that paid booking lost. Neither run lets the reconciler, which would
 * settle such a booking after ten minutes, take part.
 * The script runs the jars and classes this build made, on ports and a RabbitMQ node name of this run's own.
 */
@Execution(ExecutionMode.CONCURRENT) // its own processes, database, broker and ports: runs beside the others
class ChaosSuiteTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LOST = Pattern.compile("\\| paid booking not confirmed nor refunded \\| (\\d+) \\|");

    /** A dozen bookings, two of them paid after a rival took their seats, one kill, a restart of each server. */
    private static final Map<String, String> SHORTENED = Map.of(
            "CHAOS_BOOKINGS", "12",
            "CHAOS_LATE_PAYERS", "2",
            "CHAOS_HOLD_TTL", "20s",
            "CHAOS_KILLS", "1",
            "CHAOS_RABBIT_RESTARTS", "1",
            "CHAOS_PG_RESTARTS", "1",
            "CHAOS_SLOW_CHAIN", "1",
            "CHAOS_LOAD_SECONDS", "24");

    @Test
    void noPaidBookingIsLostOrPaidTwiceThroughKillsRestartsAndASlowChain() throws Exception {
        Run run = chaos("chaos-suite", with(SHORTENED, Map.of("CHAOS_SETTLE_SECONDS", "90")));

        assertThat(run.output()).as(run.describe()).contains("violations: 0");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).contains("| gateway kills (SIGKILL) | 1 |", "| RabbitMQ restarts | 1 |", "| PostgreSQL restarts | 1 |",
                "| refunded | 2 |", "| refund emails | 2 |");
    }

    @Test
    void controlRunWithTheBrokersMessagesInMemoryAKillLosesAPaidBooking() throws Exception {
        Run run = chaos("chaos-control", with(SHORTENED, Map.of(
                "CHAOS_SETTLE_SECONDS", "30",
                "CHAOS_BROKER", "embedded",
                "CHAOS_EMBEDDED_STORE", "0")));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        Matcher lost = LOST.matcher(run.output());
        assertThat(lost.find()).as(run.describe()).isTrue();
        assertThat(Integer.parseInt(lost.group(1))).as("paid bookings lost with the broker's messages; " + run.describe()).isPositive();
    }

    private static Map<String, String> with(Map<String, String> knobs, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(knobs);
        all.putAll(more);
        return all;
    }

    record Run(int exitCode, String output, Path log) {
        String describe() {
            return "chaos.sh exited " + exitCode + "; see " + log + "\n" + output;
        }
    }

    private static Run chaos(String name, Map<String, String> knobs) throws IOException, InterruptedException {
        Path out = Path.of("target", name).toAbsolutePath();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("bench/chaos.sh").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(knobs);
        env.putAll(setup(out));
        Process process = builder.start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroy(); // SIGTERM: the script's trap stops what it started
            process.waitFor(60, TimeUnit.SECONDS);
            throw new AssertionError("chaos.sh did not finish in 6 minutes; see " + log);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    /** No build, this build's jars and classes, and ports and a node name no other run on the machine uses. */
    private static Map<String, String> setup(Path out) {
        Map<String, String> env = new HashMap<>();
        env.put("MARQUEE_SKIP_BUILD", "1");
        env.put("CHAOS_OUT", out.toString());
        env.put("CHAOS_SANDBOX_JAR", System.getProperty("marquee.sandbox.jar"));
        List<String> launch = GatewayProcess.launch();
        if (launch.getFirst().equals("-jar")) {
            env.put("CHAOS_GATEWAY_JAR", Path.of(launch.get(1)).toAbsolutePath().toString());
        } else {
            env.put("CHAOS_GATEWAY_CLASSPATH", launch.get(1));
        }
        env.put("CHAOS_GATEWAY_JAVA_OPTS", String.join(" ", GatewayProcess.classArchive()));
        env.put("CHAOS_DRIVER_CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        env.put("CHAOS_RABBIT_NODE", "marquee-chaos-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost");
        for (String port : List.of("CHAOS_PG_PORT", "CHAOS_RABBIT_PORT", "CHAOS_RABBIT_DIST_PORT", "CHAOS_SANDBOX_PORT",
                "CHAOS_GATEWAY_PORT", "CHAOS_SMTP_PORT", "CHAOS_EMBEDDED_PORT")) {
            env.put(port, Integer.toString(BookingJourney.freePort()));
        }
        return env;
    }
}

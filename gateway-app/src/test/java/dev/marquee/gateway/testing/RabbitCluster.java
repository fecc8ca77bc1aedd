package dev.marquee.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's local three-node RabbitMQ cluster, driven through {@code bin/rabbit-cluster}: started when
 * a test needs it (and left running: its nodes are the project's own, on ports 5681-5683), one node stopped
 * or killed and started again. The machine's own RabbitMQ node is not touched.
 */
public final class RabbitCluster {
    public static final String ADDRESSES = "127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683";
    private static final long TIMEOUT_SECONDS = 240;

    private RabbitCluster() {
    }

    /** Starts the nodes that are not running and waits until all three run in one cluster. */
    public static void ensureRunning() {
        run("start");
    }

    /** Kills node {@code n}'s Erlang VM (SIGKILL), as a crash of its machine would. */
    public static void killNode(int n) {
        run("kill-node", Integer.toString(n));
    }

    /** The OS process of node {@code n}'s Erlang VM. */
    public static ProcessHandle processOf(int n) {
        long pid = Long.parseLong(run("pid", Integer.toString(n)).strip());
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("node " + n + " has no process " + pid));
    }

    /** Kills a node's VM at once (the script's kill-node first asks the node for its process, which takes a second). */
    public static void kill(ProcessHandle node) {
        node.destroyForcibly();
        node.onExit().join();
    }

    /** Starts node {@code n} again and waits until it runs in the cluster. */
    public static void startNode(int n) {
        run("start-node", Integer.toString(n));
    }

    /** The node (1-3) that serves AMQP on {@code host:port}, as the gateway reports its connection. */
    public static int nodeOf(String hostAndPort) {
        int port = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
        if (port < 5681 || port > 5683) {
            throw new IllegalArgumentException(hostAndPort + " is no node of the local cluster");
        }
        return port - 5680;
    }

    /** {@code rabbitmqctl list_queues} with these columns, for the queues whose names start with the prefix. */
    public static List<String> queues(String prefix, String... columns) {
        List<String> command = new ArrayList<>(List.of("ctl", "list_queues", "--no-table-headers", "name"));
        command.addAll(List.of(columns));
        return run(command.toArray(String[]::new)).lines().filter(line -> line.startsWith(prefix)).toList();
    }

    private static String run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("rabbit-cluster", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** {@code bin/rabbit-cluster} of this checkout: the module's tests run in {@code gateway-app/}. */
    private static Path script() {
        String configured = System.getProperty("marquee.rabbit.cluster.script");
        Path script = configured != null ? Path.of(configured) : Path.of("..", "bin", "rabbit-cluster");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("bin/rabbit-cluster not found at " + script.toAbsolutePath());
        }
        return script.toAbsolutePath().normalize();
    }
}

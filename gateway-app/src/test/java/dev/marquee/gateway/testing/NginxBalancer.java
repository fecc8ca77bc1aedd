package dev.marquee.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * nginx (the Debian package, as production runs it) in front of gateway instances, configured from the file
 * {@code bin/run-cluster} uses: round robin, unbuffered for server-sent events and long-polls, and each answer
 * naming the instance that gave it in {@code X-Marquee-Upstream}.
 */
public final class NginxBalancer implements AutoCloseable {
    public static final String UPSTREAM_HEADER = "X-Marquee-Upstream";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path folder;

    private NginxBalancer(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
    }

    /** Starts nginx on {@code port} in front of these instances' ports and waits until it answers. */
    public static NginxBalancer start(int port, List<Integer> instancePorts, String name) {
        Path folder = Path.of("target", "nginx-" + name).toAbsolutePath();
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("nginx.conf"), configuration(port, instancePorts, folder));
            Process process = new ProcessBuilder("nginx", "-c", folder.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(folder.resolve("nginx.out").toFile()).start();
            NginxBalancer balancer = new NginxBalancer(process, port, folder);
            balancer.awaitUp();
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start nginx (Debian: apt-get install nginx)", e);
        }
    }

    /** {@code bin/nginx.conf.template}, the file {@code bin/run-cluster} starts nginx with, filled in. */
    static String configuration(int port, List<Integer> instancePorts, Path folder) throws IOException {
        Path template = Path.of("..", "bin", "nginx.conf.template");
        String servers = instancePorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
                .collect(Collectors.joining("\n"));
        // As root, nginx's workers would run as nobody, who may not write to the test's folder.
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + Files.readString(template).replace("@FOLDER@", folder.toString())
                .replace("@SERVERS@", servers).replace("@PORT@", Integer.toString(port));
    }

    private void awaitUp() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + "; see " + folder);
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("nginx did not answer within " + STARTUP_TIMEOUT + "; see " + folder);
    }

    public URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port).toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

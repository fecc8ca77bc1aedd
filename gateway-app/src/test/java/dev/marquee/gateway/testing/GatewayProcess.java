package dev.marquee.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway as a process of its own, so a test can kill it the hard way and start it again. It runs the
 * shaded jar named by {@code marquee.gateway.jar}, else {@code target/gateway-app-*-all.jar} when that was
 * built ({@code mvn -pl gateway-app package -DskipTests}) after the last compile; otherwise it runs the
 * module's compiled classes from the test's own class path, so a plain {@code mvn verify} works too.
 */
public final class GatewayProcess implements AutoCloseable {
    /** A gateway starts in about 10 s; on a machine busy with other builds one took 52 s, so the bound is generous. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final String MAIN_CLASS = "dev.marquee.gateway.GatewayApplication";
    /** Set to {@code false} in a test's settings to start a gateway outside demo mode. */
    public static final String DEMO = "marquee.demo";

    private final Process process;
    private final int port;
    private final Path log;
    /** Where this process writes the class archive when it exits, or null. */
    private final Path archiving;

    /**
     * The classes a gateway loads, archived once per test run (class data sharing) and mapped by every later gateway
     * process: a start takes about half as long. The first gateway process writes it when it exits, to a file of its
     * own that is then moved into place, so no process ever maps an archive being written.
     */
    private static final Path CLASS_ARCHIVE = Path.of("target", "gateway-classes.jsa").toAbsolutePath();
    private static final java.util.concurrent.atomic.AtomicBoolean ARCHIVING = new java.util.concurrent.atomic.AtomicBoolean();

    /** The options that map the class archive into a gateway started by a script, once some gateway has written it. */
    public static List<String> classArchive() {
        return Files.isRegularFile(CLASS_ARCHIVE) ? List.of("-XX:SharedArchiveFile=" + CLASS_ARCHIVE) : List.of();
    }

    private GatewayProcess(Process process, int port, Path log, Path archiving) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.archiving = archiving;
    }

    /** Starts a gateway on {@code port} with these settings (system properties) and environment, and waits until it answers. */
    public static GatewayProcess start(int port, Map<String, String> settings, Map<String, String> environment, String logName) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; these runs are short
        command.add("-Dmicronaut.server.port=" + port);
        // Demo mode: these gateways run on the sandbox's payment secrets, and most on H2, the embedded broker and mail
        // to files, which the production guard refuses otherwise. The operator key opens health's details, which are
        // checked often so that a test sees a change within moments.
        command.add("-D" + DEMO + "=true");
        command.add("-Dmarquee.operator.key=" + Health.OPERATOR_KEY);
        command.add("-Dmarquee.health.interval=200ms");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!settings.containsKey("marquee.api-clients.demo-key")) {
            command.add("-Dmarquee.api-clients.demo-key=" + dev.marquee.gateway.web.ApiClient.TEST_KEY);
        }
        Path archiving = null;
        if (Files.isRegularFile(CLASS_ARCHIVE)) {
            command.add("-XX:SharedArchiveFile=" + CLASS_ARCHIVE);
        } else if (ARCHIVING.compareAndSet(false, true)) {
            archiving = CLASS_ARCHIVE.resolveSibling(CLASS_ARCHIVE.getFileName() + "." + port + ".tmp");
            command.add("-XX:ArchiveClassesAtExit=" + archiving);
        }
        command.addAll(launch());
        Path log = Path.of("target", logName + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            GatewayProcess gateway = new GatewayProcess(builder.start(), port, log, archiving);
            gateway.awaitUp();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the gateway: " + command, e);
        }
    }

    /**
     * What follows {@code java} to run the gateway: {@code -jar <jar>} for a fresh shaded jar, else {@code -cp <the
     * module's classes and dependencies> <main class>}. Scripts a test runs (the chaos suite) start it the same way.
     */
    public static List<String> launch() {
        String jar = System.getProperty("marquee.gateway.jar");
        if (jar == null) {
            jar = freshJar(Path.of("target")).map(Path::toString).orElse(null);
        }
        if (jar != null) {
            return List.of("-jar", jar);
        }
        return List.of("-cp", jarredClassPath(), MAIN_CLASS);
    }

    private static String jarredClassPath;

    /**
     * The module's class path without the tests, its folders of classes (this module's and, in a reactor build, the
     * other modules') packed into jars once per test run: the class archive a gateway process writes at exit
     * (see {@link #CLASS_ARCHIVE}) can only hold classes from jars.
     */
    private static synchronized String jarredClassPath() {
        if (jarredClassPath == null) {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path jars = Path.of("target", "gateway-launch").toAbsolutePath();
            java.util.Set<String> runtime = runtimeJarNames();
            List<String> entries = new ArrayList<>();
            int folder = 0;
            for (String entry : classPath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (entry.endsWith("test-classes") || !Files.isDirectory(path) && !runtime.contains(path.getFileName().toString())) {
                    continue; // a test dependency: the shipped gateway does not have it
                }
                entries.add(Files.isDirectory(path) ? jar(path, jars.resolve("classes-" + folder++ + ".jar")).toString() : entry);
            }
            jarredClassPath = String.join(File.pathSeparator, entries);
        }
        return jarredClassPath;
    }

    /**
     * The file names of the jars on the gateway's runtime class path, as the build wrote them
     * ({@code target/runtime-classpath.txt}, maven-dependency-plugin).
     */
    private static java.util.Set<String> runtimeJarNames() {
        Path listed = Path.of("target", "runtime-classpath.txt");
        try {
            return java.util.Arrays.stream(Files.readString(listed).strip().split(File.pathSeparator))
                    .map(entry -> Path.of(entry).getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(listed.toAbsolutePath() + " is missing: the build writes it before the tests run", e);
        }
    }

    private static Path jar(Path folder, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(folder)) {
                // Folders get entries of their own: resources are found by folder (Flyway's db/migration).
                for (Path file : files.filter(path -> !path.equals(folder)).sorted().toList()) {
                    String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                    boolean isFolder = Files.isDirectory(file);
                    out.putNextEntry(new java.util.jar.JarEntry(isFolder ? name + "/" : name));
                    if (!isFolder) {
                        Files.copy(file, out);
                    }
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("could not pack " + folder + " into " + jar, e);
        }
    }

    /**
     * The shaded jar in {@code target}, unless a compiled class is newer than it: a jar left by an earlier
     * build would otherwise run yesterday's gateway under today's tests.
     */
    static Optional<Path> freshJar(Path target) {
        Optional<Path> jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(file -> file.getFileName().toString().matches("gateway-app-.*-all\\.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (jar.isEmpty()) {
            return jar;
        }
        FileTime built = modified(jar.get());
        try (Stream<Path> classes = Files.walk(target.resolve("classes"))) {
            boolean stale = classes.filter(Files::isRegularFile).anyMatch(file -> modified(file).compareTo(built) > 0);
            return stale ? Optional.empty() : jar;
        } catch (IOException e) {
            return jar;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitUp() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        close();
        throw new IllegalStateException("the gateway did not answer within " + STARTUP_TIMEOUT + "; see " + log);
    }

    public URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port).toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path log() {
        return log;
    }

    /** {@code kill -9}: no shutdown hooks, no closing of connections, nothing finished. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
        archived();
    }

    /** Puts the class archive this process wrote at its exit in place; after a kill there is none, and the next start writes it. */
    private void archived() {
        if (archiving == null) {
            return;
        }
        try {
            if (Files.isRegularFile(archiving) && Files.size(archiving) > 0) {
                Files.move(archiving, CLASS_ARCHIVE, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Later gateways start without it, as before.
        } finally {
            ARCHIVING.set(false);
        }
    }

    /** Stops it gently, then forcibly if it does not end. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            archived();
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) { // writing the class archive at exit takes a few seconds
                kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        archived();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gateway (pid " + process.pid() + ") did not end after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

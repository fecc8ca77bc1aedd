package dev.marquee.contracts.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox theatre running as a child process, for tests of other modules.
 *
 * <p>It runs {@code java -jar <jar>} with the jar named by the system property
 * {@code marquee.sandbox.jar} (Surefire sets it), passing every setting as a {@code -Dkey=value}
 * system property. Unless a JDBC URL is given it uses the PostgreSQL database
 * {@code jdbc:postgresql://127.0.0.1:5432/marquee_sandbox_<seed>} (user {@code postgres}), creating it
 * when missing; while one launcher uses that database, another with the same seed takes
 * {@code marquee_sandbox_<seed>_2} and so on, so parallel test runs do not reset each other's data.
 * The catalogue is regenerated on every start. Process output goes to
 * {@code target/sandbox-<seed>-<port>.log}. {@link #close()} (or JVM shutdown) stops the process.
 *
 * <p>Defaults: seed 1, size {@code small}, a free port, the sandbox's own lock TTL (5 minutes).
 */
public final class SandboxTheatre implements AutoCloseable {
    /** The system property naming the sandbox's runnable jar. */
    public static final String JAR_PROPERTY = "marquee.sandbox.jar";

    private static final String POSTGRES_HOST = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String POSTGRES_USER = "postgres";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI baseUrl;
    private final String jdbcUrl;
    private final Path logFile;
    private final SandboxAdmin admin;
    private final Connection databaseClaim;
    private final Thread shutdownHook;
    private ClassArchive classArchive;
    private Path archiving;

    private SandboxTheatre(Process process, URI baseUrl, String jdbcUrl, Path logFile, Connection databaseClaim) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.jdbcUrl = jdbcUrl;
        this.logFile = logFile;
        this.databaseClaim = databaseClaim;
        this.admin = new SandboxAdmin(baseUrl);
        this.shutdownHook = new Thread(this::stopProcess, "sandbox-theatre-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where the theatre API ({@code /theatre/v1}), the payment provider API ({@code /payments/v1}, hosted
     * pages under {@code /pay}) and the admin API ({@code /sandbox/v1}) answer, e.g. {@code http://127.0.0.1:41233}.
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The JDBC URL of the database the sandbox uses (user {@code postgres}, no password, unless given otherwise). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The file the sandbox's output goes to. */
    public Path logFile() {
        return logFile;
    }

    public SandboxAdmin admin() {
        return admin;
    }

    /** Stops the child process and waits for it to end. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it stops the process itself
        }
        stopProcess();
        closeQuietly(databaseClaim);
        if (classArchive != null) {
            classArchive.written(archiving);
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the claim ends with the session anyway
        }
    }

    /** Settings for one sandbox. */
    public static final class Builder {
        private long seed = 1;
        private String size = "small";
        private String chainName;
        private int port;
        private String jdbcUrl;
        private Duration lockTtl;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();

        private Builder() {
        }

        /** The seed the catalogue is generated from (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** {@code small}, {@code medium} or {@code large} (default {@code small}). */
        public Builder size(String size) {
            this.size = Objects.requireNonNull(size, "size");
            return this;
        }

        /** The chain's name (default derived from the seed). */
        public Builder chainName(String chainName) {
            this.chainName = Objects.requireNonNull(chainName, "chainName");
            return this;
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The database to use instead of {@code marquee_sandbox_<seed>}. It must exist; for PostgreSQL the
         * user is {@code postgres} unless {@code datasources.default.username} is set with {@link #property}.
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return this;
        }

        /** How long a lock lives when the request does not say (default 5 minutes). */
        public Builder lockTtl(Duration lockTtl) {
            if (lockTtl.isNegative() || lockTtl.isZero()) {
                throw new IllegalArgumentException("lockTtl must be positive, was " + lockTtl);
            }
            this.lockTtl = lockTtl;
            return this;
        }

        /**
         * Any other setting, passed as {@code -Dkey=value} (e.g. {@code sandbox.api-key}). The payment
         * provider's: {@code sandbox.payments.api-key} (default {@code sk_test_sandbox}),
         * {@code sandbox.payments.webhook-secret} ({@code whsec_sandbox}), {@code sandbox.payments.public-base-url}
         * (the sandbox's own {@code http://localhost:<port>}), {@code sandbox.payments.refund-delay} ({@code 200ms}),
         * {@code sandbox.payments.late-delay} ({@code 60s}), {@code sandbox.payments.webhook-initial-backoff}
         * ({@code 1s}), {@code sandbox.payments.webhook-max-backoff} ({@code 30s}),
         * {@code sandbox.payments.webhook-max-attempts} ({@code 25}), {@code sandbox.payments.webhook-timeout}
         * ({@code 5s}), {@code sandbox.payments.duplicate-delay} ({@code 500ms}). Durations as {@code 250ms}, {@code 2s}.
         */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** An extra JVM option for the child process (e.g. {@code -Xmx512m}). */
        public Builder jvmArg(String arg) {
            jvmArgs.add(Objects.requireNonNull(arg, "arg"));
            return this;
        }

        /** Starts the sandbox and waits until it answers (at most 90 seconds). */
        public SandboxTheatre start() {
            Path jar = findJar();
            int chosenPort = port == 0 ? freePort() : port;
            Connection claim = null;
            String url = jdbcUrl;
            if (url == null) {
                Claim claimed = claimDatabase();
                claim = claimed.session();
                url = POSTGRES_HOST + claimed.database();
            }
            Path log = logDirectory().resolve("sandbox-" + seed + "-" + chosenPort + ".log");
            ClassArchive classArchive = new ClassArchive(jar);
            ClassArchive.Launch launch = classArchive.launch(seed + "-" + chosenPort);
            List<String> command = command(jar, chosenPort, url, launch.options());
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                closeQuietly(claim);
                classArchive.written(launch.writing());
                throw new UncheckedIOException("could not start " + String.join(" ", command), e);
            }
            URI base = URI.create("http://127.0.0.1:" + chosenPort);
            SandboxTheatre theatre = new SandboxTheatre(process, base, url, log, claim);
            theatre.classArchive = classArchive;
            theatre.archiving = launch.writing();
            try {
                awaitReady(process, base, log);
            } catch (RuntimeException | Error e) {
                theatre.close();
                throw e;
            }
            return theatre;
        }

        private List<String> command(Path jar, int chosenPort, String url, List<String> launchOptions) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("sandbox.seed", Long.toString(seed));
            settings.put("sandbox.size", size);
            if (chainName != null) {
                settings.put("sandbox.chain-name", chainName);
            }
            if (lockTtl != null) {
                settings.put("sandbox.lock-ttl", lockTtl.toMillis() + "ms");
            }
            settings.put("sandbox.reset-on-start", "true");
            settings.put("micronaut.server.port", Integer.toString(chosenPort));
            settings.put("micronaut.server.host", "127.0.0.1");
            settings.put("datasources.default.url", url);
            if (url.startsWith("jdbc:postgresql:")) {
                // the local test server's user; .property("datasources.default.username", …) overrides it
                settings.put("datasources.default.username", POSTGRES_USER);
                settings.put("datasources.default.password", "");
            }
            settings.putAll(properties);

            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(launchOptions);
            command.addAll(jvmArgs); // after, so that a test's own options win
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(jar.toString());
            return command;
        }

        /**
         * Takes the first of {@code marquee_sandbox_<seed>}, {@code marquee_sandbox_<seed>_2}, … that no
         * other launcher holds, creating it if missing. The claim is a session advisory lock held for the
         * sandbox's life, so it ends by itself if this JVM dies.
         */
        private Claim claimDatabase() {
            try {
                Connection admin = DriverManager.getConnection(POSTGRES_HOST + "postgres", POSTGRES_USER, "");
                try {
                    for (int attempt = 1; attempt <= 50; attempt++) {
                        String name = "marquee_sandbox_" + Long.toString(seed).replace('-', 'm') + (attempt == 1 ? "" : "_" + attempt);
                        if (tryAdvisoryLock(admin, name)) {
                            createIfMissing(admin, name);
                            return new Claim(admin, name);
                        }
                    }
                    throw new IllegalStateException("50 sandbox databases for seed " + seed + " are in use");
                } catch (SQLException | RuntimeException e) {
                    closeQuietly(admin);
                    throw e;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare the sandbox database on " + POSTGRES_HOST
                        + " as " + POSTGRES_USER + " (is PostgreSQL running and its JDBC driver on the test classpath?)", e);
            }
        }

        private static boolean tryAdvisoryLock(Connection admin, String name) throws SQLException {
            try (PreparedStatement lock = admin.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, 0x5AD_B0C5);
                lock.setString(2, name);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }

        private static void createIfMissing(Connection admin, String name) throws SQLException {
            try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                // another process may have created it in between (42P04 duplicate_database, or 23505 on pg_database)
                if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }

        private Path findJar() {
            String configured = System.getProperty(JAR_PROPERTY);
            if (configured != null && !configured.isBlank()) {
                Path jar = Path.of(configured);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(JAR_PROPERTY + " names " + jar.toAbsolutePath()
                            + ", which does not exist; build it with: mvn -pl sandbox-theatre -am install -DskipTests");
                }
                return jar;
            }
            for (Path dir : List.of(Path.of("sandbox-theatre/target"), Path.of("../sandbox-theatre/target"))) {
                if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "sandbox-theatre-*-all.jar")) {
                        for (Path jar : jars) {
                            return jar;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            throw new IllegalStateException("set the system property " + JAR_PROPERTY
                    + " to sandbox-theatre/target/sandbox-theatre-<version>-all.jar");
        }

        private static String javaExecutable() {
            Path fromHome = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
            if (Files.isExecutable(fromHome)) {
                return fromHome.toString();
            }
            return ProcessHandle.current().info().command().orElse("java");
        }

        private static boolean isWindows() {
            return System.getProperty("os.name", "").toLowerCase().contains("win");
        }

        private static Path logDirectory() {
            Path target = Path.of("target");
            try {
                Files.createDirectories(target);
                return target;
            } catch (IOException e) {
                return Path.of(System.getProperty("java.io.tmpdir"));
            }
        }

        private static int freePort() {
            return FreePorts.pick();
        }

        private static void awaitReady(Process process, URI base, Path log) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest info = HttpRequest.newBuilder(base.resolve("/sandbox/v1/info"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the sandbox theatre exited with " + process.exitValue()
                            + " while starting; the end of " + log.toAbsolutePath() + ":\n" + tail(log));
                }
                try {
                    if (http.send(info, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the sandbox theatre", e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the sandbox theatre", e);
                }
            }
            throw new IllegalStateException("the sandbox theatre did not answer " + base + "/sandbox/v1/info within "
                    + STARTUP_TIMEOUT.toSeconds() + " s; the end of " + log.toAbsolutePath() + ":\n" + tail(log));
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(could not read the log: " + e + ")";
            }
        }
    }

    /** A database this launcher holds, and the session that holds it. */
    private record Claim(Connection session, String database) {
    }
}

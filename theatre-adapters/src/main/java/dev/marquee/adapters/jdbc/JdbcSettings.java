package dev.marquee.adapters.jdbc;

import dev.marquee.adapters.SettingValues;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one chain's JDBC adapter, read from the gateway's flat settings map.
 *
 * @param url the chain database's JDBC URL ({@code jdbc:postgresql://host:5432/db})
 * @param username the database user, if not the driver's default
 * @param password the database user's password, if it needs one (a secret: never shown)
 * @param poolSize how many connections the adapter keeps open at most
 * @param connectTimeout how long to wait for a connection (a new one, or a free one of the pool)
 * @param statementTimeout how long one SQL statement may run, waiting for row locks included
 * @param pageSize how many shows one catalogue query fetches
 * @param cursorOverlap how many revisions below its cursor an incremental catalogue read starts, so
 *     that transactions which committed late are not skipped
 */
record JdbcSettings(
        String url,
        Optional<String> username,
        Optional<String> password,
        int poolSize,
        Duration connectTimeout,
        Duration statementTimeout,
        int pageSize,
        int cursorOverlap) {

    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String POOL_SIZE = "pool-size";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String STATEMENT_TIMEOUT = "statement-timeout";
    static final String PAGE_SIZE = "page-size";
    static final String CURSOR_OVERLAP = "cursor-overlap";

    static final String URL_PREFIX = "jdbc:postgresql:";
    static final int DEFAULT_POOL_SIZE = 4;
    static final int MAX_POOL_SIZE = 100;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_PAGE_SIZE = 2000;
    static final int MAX_PAGE_SIZE = 10_000;
    /** As the sandbox's own cursor ({@code sandbox.cursor-overlap}): see contracts/sandbox-schema.md. */
    static final int DEFAULT_CURSOR_OVERLAP = 500;
    /** HikariCP waits at least this long for a connection. */
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);

    static JdbcSettings from(Map<String, String> settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required (at least " + URL + ")");
        }
        Duration connectTimeout = SettingValues.duration(CONNECT_TIMEOUT, settings.get(CONNECT_TIMEOUT), DEFAULT_CONNECT_TIMEOUT);
        if (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT + " must be at least 250ms: " + settings.get(CONNECT_TIMEOUT));
        }
        return new JdbcSettings(
                url(settings.get(URL)),
                optional(settings.get(USERNAME)),
                Optional.ofNullable(settings.get(PASSWORD)).filter(password -> !password.isEmpty()),
                SettingValues.wholeNumber(POOL_SIZE, settings.get(POOL_SIZE), DEFAULT_POOL_SIZE, 1, MAX_POOL_SIZE),
                connectTimeout,
                SettingValues.duration(STATEMENT_TIMEOUT, settings.get(STATEMENT_TIMEOUT), DEFAULT_STATEMENT_TIMEOUT),
                SettingValues.wholeNumber(PAGE_SIZE, settings.get(PAGE_SIZE), DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
                SettingValues.wholeNumber(CURSOR_OVERLAP, settings.get(CURSOR_OVERLAP), DEFAULT_CURSOR_OVERLAP, 0, 1_000_000));
    }

    private static String url(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(URL + " is required, for example jdbc:postgresql://db.chain.example:5432/theatre");
        }
        String url = value.strip();
        if (!url.startsWith(URL_PREFIX) || url.length() == URL_PREFIX.length()) {
            // The URL may carry a password as a parameter: show only its start.
            throw new IllegalArgumentException(URL + " must be a PostgreSQL JDBC URL (" + URL_PREFIX + "//host:port/database): "
                    + withoutParameters(url));
        }
        return url;
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The URL without its query, where a password could be. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + withoutParameters(url) + ", username=" + username.orElse("(driver default)")
                + ", password=" + (password.isPresent() ? "****" : "none") + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", statementTimeout=" + statementTimeout
                + ", pageSize=" + pageSize + ", cursorOverlap=" + cursorOverlap + "]";
    }
}

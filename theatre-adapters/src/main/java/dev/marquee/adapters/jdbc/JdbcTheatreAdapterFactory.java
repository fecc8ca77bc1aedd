package dev.marquee.adapters.jdbc;

import dev.marquee.spi.ChainContext;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreAdapterFactory;
import java.util.Map;
import java.util.Set;

/**
 * Adapters of type {@code jdbc}: a chain whose own PostgreSQL database follows
 * {@code contracts/sandbox-schema.sql}, read and written directly with the transactions of
 * {@code contracts/sandbox-schema.md}.
 *
 * <p>Settings: {@code url} (required, {@code jdbc:postgresql://host:5432/database}), {@code username},
 * {@code password} (secret), {@code pool-size} (connections, default 4), {@code connect-timeout}
 * (default 2s, at least 250ms), {@code statement-timeout} (per SQL statement, row lock waits included,
 * default 5s), {@code page-size} (shows per catalogue query, default 2000) and {@code cursor-overlap}
 * (revisions an incremental catalogue read goes back, default 500). Durations are ISO-8601
 * ({@code PT2S}) or short ({@code 2s}, {@code 500ms}). No connection is made until the first call.
 */
public final class JdbcTheatreAdapterFactory implements TheatreAdapterFactory {
    public static final String TYPE = "jdbc";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of(JdbcSettings.PASSWORD);
    }

    @Override
    public TheatreAdapter create(String chainId, Map<String, String> settings) {
        return create(ChainContext.of(chainId), settings);
    }

    /** The adapter judges expiry by the context's clock, so by the gateway's. */
    @Override
    public TheatreAdapter create(ChainContext context, Map<String, String> settings) {
        return new JdbcTheatreAdapter(context, JdbcSettings.from(settings));
    }
}

package dev.marquee.adapters.rest;

import dev.marquee.spi.ChainContext;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreAdapterFactory;
import java.util.Map;
import java.util.Set;

/**
 * Adapters of type {@code rest}: a chain that serves the theatre API ({@code contracts/theatre-api.yaml})
 * over HTTP.
 *
 * <p>Settings: {@code base-url} (required), {@code api-key} (optional, sent as a bearer token),
 * {@code connect-timeout} (default 2s), {@code request-timeout} (default 5s), {@code page-size} (shows per
 * catalogue page, default 2000). Durations are ISO-8601 ({@code PT2S}) or short ({@code 2s}, {@code 500ms}).
 */
public final class RestTheatreAdapterFactory implements TheatreAdapterFactory {
    public static final String TYPE = "rest";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of(RestSettings.API_KEY);
    }

    @Override
    public TheatreAdapter create(String chainId, Map<String, String> settings) {
        return create(ChainContext.of(chainId), settings);
    }

    @Override
    public TheatreAdapter create(ChainContext context, Map<String, String> settings) {
        return new RestTheatreAdapter(context, RestSettings.from(settings));
    }
}

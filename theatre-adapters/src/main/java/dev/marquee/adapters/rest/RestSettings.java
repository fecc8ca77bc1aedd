package dev.marquee.adapters.rest;

import dev.marquee.adapters.SettingValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one chain's REST adapter, read from the gateway's flat settings map.
 *
 * @param baseUrl where the chain's theatre API lives, without the {@code /theatre/v1} prefix
 * @param apiKey the bearer token to send, if the chain wants one
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer once connected
 * @param pageSize how many shows to ask for per catalogue page
 */
record RestSettings(URI baseUrl, Optional<String> apiKey, Duration connectTimeout, Duration requestTimeout, int pageSize) {
    static final String BASE_URL = "base-url";
    static final String API_KEY = "api-key";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String REQUEST_TIMEOUT = "request-timeout";
    static final String PAGE_SIZE = "page-size";

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_PAGE_SIZE = 2000;
    /** The theatre API's largest {@code limit}. */
    static final int MAX_PAGE_SIZE = 10_000;

    static RestSettings from(Map<String, String> settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required (at least " + BASE_URL + ")");
        }
        return new RestSettings(
                baseUrl(settings.get(BASE_URL)),
                apiKey(settings.get(API_KEY)),
                duration(CONNECT_TIMEOUT, settings.get(CONNECT_TIMEOUT), DEFAULT_CONNECT_TIMEOUT),
                duration(REQUEST_TIMEOUT, settings.get(REQUEST_TIMEOUT), DEFAULT_REQUEST_TIMEOUT),
                pageSize(settings.get(PAGE_SIZE)));
    }

    private static URI baseUrl(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(BASE_URL + " is required, for example http://chain.example:9101");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(BASE_URL + " is not a URL: " + value, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(BASE_URL + " must be an http or https URL with a host: " + value);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(BASE_URL + " must not have a query or fragment: " + value);
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static Optional<String> apiKey(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // Never echo the value: it is a secret.
            throw new IllegalArgumentException(API_KEY + " must be printable ASCII without spaces");
        }
        return Optional.of(value);
    }

    /** Reads ISO-8601 ({@code PT2S}) or a short form ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}). */
    static Duration duration(String key, String value, Duration fallback) {
        return SettingValues.duration(key, value, fallback);
    }

    private static int pageSize(String value) {
        return SettingValues.wholeNumber(PAGE_SIZE, value, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    @Override
    public String toString() {
        return "RestSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "****" : "none")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", pageSize=" + pageSize + "]";
    }
}

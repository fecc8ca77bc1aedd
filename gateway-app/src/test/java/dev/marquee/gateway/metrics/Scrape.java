package dev.marquee.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.web.ApiClient;
import java.util.Arrays;
import java.util.List;

/** One scrape of {@code /prometheus}, read as a test would: a series' value by its name and labels. */
public record Scrape(List<String> lines) {

    public static Scrape of(ApiClient api) {
        ApiClient.Answer scraped = api.send("GET", "/prometheus", null, null);
        assertThat(scraped.status()).isEqualTo(200);
        return new Scrape(scraped.body().lines().filter(line -> !line.startsWith("#")).toList());
    }

    /**
     * The value of the series with this name carrying every one of these labels ({@code key="value"} each); NaN when
     * there is none, so that an assertion on it names the series missing.
     */
    public double value(String name, String... labels) {
        return lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> line.contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    public static String label(String key, String value) {
        return key + "=\"" + value + "\"";
    }
}

package dev.marquee.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web app as the gateway serves it: one page at every view's address, its files from this server only, and its
 * writes let through without an API key only with the page's CSRF token, from a page of this site.
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
class WebAppPagesTest {
    private static final Pattern REFERENCES = Pattern.compile("(?:src|href)=\"(/app/[^\"]+)\"");
    private static final Pattern IMPORTS = Pattern.compile("from '\\./([a-z-]+\\.js)'");
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Test
    void everyViewsAddressAnswersTheAppsPageWithItsSecurityHeadersAndACsrfCookie() throws Exception {
        for (String path : List.of("/", "/cities/berlin-de", "/movies/aurora%3A7", "/shows/aurora%3A19", "/bookings/bkg_1",
                "/search?q=dune", "/account", "/account/sign-in", "/account/reset-password?token=x")) {
            HttpResponse<String> page = get(path, Map.of());

            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/app/main.js\">",
                    "<meta name=\"viewport\" content=\"width=device-width");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'", "frame-ancestors 'none'");
            assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                    .startsWith("marquee_csrf=").contains("SameSite=Strict").doesNotContain("HttpOnly"));
        }
    }

    @Test
    void aVisitorWithATokenKeepsIt() throws Exception {
        HttpResponse<String> page = get("/", Map.of("Cookie", "marquee_csrf=abc"));

        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("marquee_csrf="));
    }

    @Test
    void everyFileThePageAndItsModulesLoadIsServedAndRevalidates() throws Exception {
        List<String> files = new java.util.ArrayList<>(REFERENCES.matcher(get("/", Map.of()).body()).results()
                .map(match -> match.group(1)).toList());
        for (int i = 0; i < files.size(); i++) {
            HttpResponse<String> file = get(files.get(i), Map.of());
            assertThat(file.statusCode()).as(files.get(i)).isEqualTo(200);
            String etag = file.headers().firstValue("ETag").orElseThrow();
            assertThat(get(files.get(i), Map.of("If-None-Match", etag)).statusCode()).as(files.get(i)).isEqualTo(304);
            if (files.get(i).endsWith(".js")) {
                assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
                Matcher imports = IMPORTS.matcher(file.body());
                imports.results().map(match -> "/app/" + match.group(1)).filter(name -> !files.contains(name)).forEach(files::add);
            }
        }
        assertThat(files).contains("/app/main.js", "/app/app.css", "/app/show.js", "/app/seatmap.js", "/app/api.js",
                "/app/booking.js", "/app/format.js", "/app/account.js");
    }

    @Test
    void noOtherFileIsServed() throws Exception {
        for (String path : List.of("/app/nothing.js", "/app/..%2Fapplication.yml", "/app/index.html", "/app/Main.js")) {
            assertThat(get(path, Map.of()).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aWriteWithThePagesCsrfTokenNeedsNoApiKey() throws Exception {
        HttpResponse<String> answer = postHold(Map.of("Cookie", "marquee_csrf=t0k3n", "X-CSRF-Token", "t0k3n",
                "Sec-Fetch-Site", "same-origin"));

        assertThat(answer.statusCode()).as("past the key check, the body is judged").isEqualTo(400);
        assertThat(answer.body()).contains("seatIds").doesNotContain("X-Api-Key");
    }

    @Test
    void aWriteWithoutTheTokenOrFromAnotherSiteNeedsAnApiKey() throws Exception {
        List<Map<String, String>> forged = List.of(
                Map.of("Cookie", "marquee_csrf=t0k3n"),
                Map.of("X-CSRF-Token", "t0k3n"),
                Map.of("Cookie", "marquee_csrf=t0k3n", "X-CSRF-Token", "other"),
                Map.of("Cookie", "marquee_csrf=t0k3n", "X-CSRF-Token", "t0k3n", "Sec-Fetch-Site", "cross-site"));
        for (Map<String, String> headers : forged) {
            HttpResponse<String> answer = postHold(headers);

            assertThat(answer.statusCode()).as(headers.toString()).isEqualTo(401);
            assertThat(answer.body()).as(headers.toString()).contains("X-Api-Key");
        }
    }

    private HttpResponse<String> postHold(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/holds"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "web-app-test")
                .POST(HttpRequest.BodyPublishers.ofString("{\"showId\":\"aurora:1\",\"email\":\"ada@example.org\"}"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.marquee.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.ApiClient.Answer;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /docs}: a page that a browser shows with nothing but what this gateway serves. */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
@Property(name = "flyway.datasources.default.enabled", value = "false")
class ApiDocsTest {
    private static final Pattern REFERENCES = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Inject
    EmbeddedServer server;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(server.getURL());
    }

    private List<String> referencesOfThePage() {
        Matcher found = REFERENCES.matcher(api.send("GET", "/docs", null, null).body());
        return found.results().map(match -> match.group(1)).toList();
    }

    @Test
    void docsIsAnHtmlPageThatLoadsSwaggerUiAndTheGatewaysScriptFromThisServer() {
        Answer page = api.send("GET", "/docs", null, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(referencesOfThePage()).containsExactlyInAnyOrder("docs/assets/swagger-ui.css",
                "docs/assets/favicon-32x32.png", "docs/assets/swagger-ui-bundle.js", "docs/assets/marquee-docs.js");
    }

    @Test
    void everyFileThePageLoadsIsServed() {
        Map<String, String> types = Map.of(".css", "text/css", ".js", "text/javascript", ".png", "image/png");
        for (String reference : referencesOfThePage()) {
            Answer asset = api.send("GET", "/" + reference, null, null);

            assertThat(asset.status()).as(reference).isEqualTo(200);
            assertThat(asset.body()).as(reference).isNotEmpty();
            String type = types.get(reference.substring(reference.lastIndexOf('.')));
            assertThat(asset.contentType()).as(reference).startsWith(type);
        }
        assertThat(api.send("GET", "/docs/assets/swagger-ui-bundle.js", null, null).body()).contains("SwaggerUIBundle");
    }

    @Test
    void thePagesScriptOpensTheGatewaysDocumentAndAsksNoOtherServer() {
        String script = api.send("GET", "/docs/assets/marquee-docs.js", null, null).body();

        assertThat(script).contains("url: \"docs/gateway-api.yaml\"").contains("validatorUrl: null").doesNotContain("http");
    }

    @Test
    void theDocumentIsTheContractTheTestsCheckAnswersAgainst() throws IOException {
        Answer document = api.send("GET", "/docs/gateway-api.yaml", null, null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.contentType()).startsWith("application/yaml");
        try (InputStream contract = getClass().getClassLoader().getResourceAsStream("contracts/gateway-api.yaml")) {
            assertThat(document.body()).isEqualTo(new String(contract.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void onlyTheNamedFilesAreServed() {
        assertThat(api.send("GET", "/docs/assets/index.html", null, null).status()).isEqualTo(404);
        assertThat(api.send("GET", "/docs/assets/..%2F..%2Fapplication.yml", null, null).status()).isEqualTo(404);
        assertThat(api.send("GET", "/docs/assets/swagger-initializer.js", null, null).status()).isEqualTo(404);
    }
}

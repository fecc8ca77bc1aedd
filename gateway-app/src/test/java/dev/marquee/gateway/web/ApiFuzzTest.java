package dev.marquee.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.Cinemas;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every GET operation of contracts/gateway-api.yaml, each of its parameters in turn given malformed values
 * (wrong types, empty, huge, control characters), the others their documented examples. Whatever comes in,
 * the gateway answers no 5xx, every 4xx is a problem, and every answer is one the document allows (the
 * {@link ApiClient} checks it).
 */
@MicronautTest(environments = "test", transactional = false)
@Property(name = "marquee.sync.enabled", value = "false")
class ApiFuzzTest {
    static final OpenAPI DOCUMENT = document();
    /** Long-polls are asked not to wait: the answer is the same, sooner. */
    private static final Map<String, String> QUIET = Map.of("waitSeconds", "0");
    static final List<String> MALFORMED = List.of(
            " ", "abc", "-1", "0", "1e309", "NaN", "-Infinity", "99999999999999999999", "-2026-01-01", "2026-02-30",
            "+12026-01-01", "\u0000", "a\u0007b", "\u001b[31mred", "line\r\nX-Injected: 1", "🎬🍿", "%", "../..",
            "'\"<script>", "a".repeat(199), "a".repeat(200), "a".repeat(201), "é".repeat(300), "x".repeat(3_000));

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogHolder catalogs;

    @TestFactory
    Stream<DynamicTest> everyGetOperationAnswersMalformedParametersWithinTheDocument() {
        catalogs.replace(Cinemas.standard());
        ApiClient api = new ApiClient(server.getURL());
        List<DynamicTest> tests = new ArrayList<>();
        DOCUMENT.getPaths().forEach((path, item) -> {
            Operation get = item.getGet();
            if (get == null) {
                return;
            }
            List<Parameter> parameters = parameters(item.getParameters(), get.getParameters());
            for (Parameter fuzzed : parameters) {
                for (String value : values(fuzzed)) {
                    String request = request(path, parameters, fuzzed, value);
                    tests.add(DynamicTest.dynamicTest(get.getOperationId() + " " + fuzzed.getName() + "=" + shown(value),
                            () -> assertAnsweredWell(api, request)));
                }
            }
        });
        assertThat(tests).hasSizeGreaterThan(300);
        return tests.stream();
    }

    private static void assertAnsweredWell(ApiClient api, String request) {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer not-a-token"))) {
            ApiClient.Answer answer = api.probe("GET", request, headers);

            assertThat(answer.status()).as(request).isLessThan(500);
            if (answer.status() >= 400) {
                assertThat(answer.isProblem()).as(request).isTrue();
            }
        }
    }

    /** Malformed values, and an empty one where the parameter may be left out (an empty path segment is another path). */
    private static List<String> values(Parameter parameter) {
        List<String> values = new ArrayList<>(MALFORMED);
        if (!"path".equals(parameter.getIn())) {
            values.add("");
        }
        return values;
    }

    private static String request(String path, List<Parameter> parameters, Parameter fuzzed, String value) {
        String resolved = path;
        List<String> query = new ArrayList<>();
        for (Parameter parameter : parameters) {
            String v = parameter == fuzzed ? value : example(parameter);
            if ("path".equals(parameter.getIn())) {
                resolved = resolved.replace("{" + parameter.getName() + "}", encode(v));
            } else if ("query".equals(parameter.getIn()) && v != null) {
                query.add(parameter.getName() + "=" + encode(v));
            }
        }
        return query.isEmpty() ? resolved : resolved + "?" + String.join("&", query);
    }

    private static String example(Parameter parameter) {
        if (QUIET.containsKey(parameter.getName())) {
            return QUIET.get(parameter.getName());
        }
        Object example = parameter.getSchema() == null ? null : parameter.getSchema().getExample();
        return example == null ? (parameter.getRequired() != null && parameter.getRequired() ? "x" : null) : example.toString();
    }

    private static List<Parameter> parameters(List<Parameter> ofPath, List<Parameter> ofOperation) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        Stream.of(ofPath, ofOperation).filter(Objects::nonNull).flatMap(List::stream)
                .filter(p -> "path".equals(p.getIn()) || "query".equals(p.getIn()))
                .forEach(p -> byName.put(p.getIn() + ":" + p.getName(), p));
        return List.copyOf(byName.values());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String shown(String value) {
        String printable = value.codePoints().mapToObj(c -> c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
        return printable.length() > 24 ? printable.substring(0, 24) + "…(" + value.length() + ")" : printable;
    }

    private static OpenAPI document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        String url = Objects.requireNonNull(ApiFuzzTest.class.getClassLoader().getResource("contracts/gateway-api.yaml")).toString();
        return Objects.requireNonNull(new OpenAPIV3Parser().read(url, null, options), "contracts/gateway-api.yaml does not parse");
    }
}

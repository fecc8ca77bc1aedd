package dev.marquee.contracts;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.URL;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One of the OpenAPI documents in this module, able to tell whether an exchange honours it.
 *
 * <p>Tests record what a server really received and answered and hand it to {@link #assertConforms};
 * a request or response the document does not allow fails the test with every mismatch listed.
 */
public final class OpenApiContract {
    /** The API a theatre chain exposes: the REST adapter speaks it, the sandbox serves it. */
    public static final String THEATRE_API = "contracts/theatre-api.yaml";
    /** The gateway's public API. */
    public static final String GATEWAY_API = "contracts/gateway-api.yaml";

    private final String document;
    private final OpenApiInteractionValidator validator;

    private OpenApiContract(String document, OpenApiInteractionValidator validator) {
        this.document = document;
        this.validator = validator;
    }

    public static OpenApiContract load(String document) {
        return new OpenApiContract(document, validator(document).build());
    }

    /**
     * The document as a judge of answers alone: a request it would refuse (a fuzzer's, on purpose) is not
     * held against the exchange, but the answer must still be one the document allows.
     */
    public static OpenApiContract answersOf(String document) {
        return new OpenApiContract(document, validator(document)
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                .build());
    }

    private static OpenApiInteractionValidator.Builder validator(String document) {
        URL url = Objects.requireNonNull(
                OpenApiContract.class.getClassLoader().getResource(document), () -> "no " + document + " on the classpath");
        return OpenApiInteractionValidator.createForSpecificationUrl(url.toString())
                // Merge allOf parts so a problem body extending Problem is checked as one schema.
                .withResolveCombinators(true);
    }

    public static OpenApiContract theatreApi() {
        return load(THEATRE_API);
    }

    public static OpenApiContract gatewayApi() {
        return load(GATEWAY_API);
    }

    /**
     * Checks one exchange.
     *
     * @param exchange what was sent and answered
     * @throws AssertionError listing each way the exchange breaks the document
     */
    public void assertConforms(Exchange exchange) {
        ValidationReport report = validator.validate(toRequest(exchange), toResponse(exchange));
        if (report.hasErrors()) {
            String problems = report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(m -> "  - " + m.getKey() + ": " + m.getMessage())
                    .collect(Collectors.joining("\n"));
            throw new AssertionError(exchange.method() + " " + exchange.uri() + " -> " + exchange.status()
                    + " breaks " + document + ":\n" + problems + "\nresponse body: " + abbreviate(exchange.responseBody()));
        }
    }

    private static Request toRequest(Exchange exchange) {
        URI uri = exchange.uri();
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                builder.withQueryParam(name, value);
            }
        }
        exchange.requestHeaders().forEach(builder::withHeader);
        if (exchange.requestBody() != null) {
            builder.withContentType("application/json").withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static com.atlassian.oai.validator.model.Response toResponse(Exchange exchange) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(exchange.status());
        if (exchange.responseContentType() != null) {
            builder.withContentType(exchange.responseContentType());
        }
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            builder.withBody(exchange.responseBody());
        }
        return builder.build();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(none)";
        }
        return body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}

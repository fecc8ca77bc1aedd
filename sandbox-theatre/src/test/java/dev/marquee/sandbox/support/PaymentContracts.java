package dev.marquee.sandbox.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * contracts/payment-provider-api.yaml and contracts/sandbox-admin-api.yaml, able to check exchanges of
 * any content type (the hosted page posts a form and answers HTML, which {@code OpenApiContract} does
 * not send). The documents refer to each other by relative paths, so they are copied to a directory first.
 */
public final class PaymentContracts {
    private static final String[] DOCUMENTS = {"payment-provider-api.yaml", "sandbox-admin-api.yaml", "theatre-api.yaml"};
    private static volatile PaymentContracts loaded;

    private final OpenApiInteractionValidator provider;
    private final OpenApiInteractionValidator admin;

    private PaymentContracts(OpenApiInteractionValidator provider, OpenApiInteractionValidator admin) {
        this.provider = provider;
        this.admin = admin;
    }

    public static PaymentContracts load() {
        if (loaded == null) {
            synchronized (PaymentContracts.class) {
                if (loaded == null) {
                    Path dir = copyDocuments();
                    loaded = new PaymentContracts(validator(dir, "payment-provider-api.yaml"),
                            validator(dir, "sandbox-admin-api.yaml"));
                }
            }
        }
        return loaded;
    }

    /** One exchange as a test saw it; {@code requestContentType} and the bodies may be null. */
    public record Observed(String method, URI uri, Map<String, String> headers, String requestContentType,
            String requestBody, int status, String responseContentType, String responseBody) {
    }

    /** Checks an exchange with the provider API or its hosted page, or with the payments admin API. */
    public void assertConforms(Observed exchange) {
        String path = exchange.uri().getRawPath();
        boolean isAdmin = path.startsWith("/sandbox/");
        String document = isAdmin ? "sandbox-admin-api.yaml" : "payment-provider-api.yaml";
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), path);
        exchange.headers().forEach(request::withHeader);
        if (exchange.requestBody() != null) {
            request.withContentType(exchange.requestContentType()).withBody(formSafe(exchange));
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        if (exchange.responseContentType() != null) {
            response.withContentType(exchange.responseContentType());
        }
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        ValidationReport report = (isAdmin ? admin : provider).validate(request.build(), response.build());
        if (report.hasErrors()) {
            throw new AssertionError(exchange.method() + " " + exchange.uri() + " -> " + exchange.status() + " breaks contracts/"
                    + document + ":\n" + report.getMessages().stream()
                            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                            .map(m -> "  - " + m.getKey() + ": " + m.getMessage())
                            .collect(Collectors.joining("\n")) + "\nresponse body: " + exchange.responseBody());
        }
    }

    /**
     * The validator reads form values that look like numbers as numbers, so a card number typed without
     * spaces would break {@code card: {type: string}}. Spaces are ignored in card numbers, so the check
     * sees a digits-only value in groups of four: the same card, as the page prefills it.
     */
    private static String formSafe(Observed exchange) {
        if (exchange.requestContentType() == null || !exchange.requestContentType().startsWith("application/x-www-form-urlencoded")) {
            return exchange.requestBody();
        }
        return java.util.Arrays.stream(exchange.requestBody().split("&"))
                .map(pair -> pair.matches("[^=]+=[0-9]{5,}") ? pair.replaceAll("([0-9]{4})(?=[0-9])", "$1+") : pair)
                .collect(Collectors.joining("&"));
    }

    private static Path copyDocuments() {
        try {
            Path dir = Files.createTempDirectory("payment-contracts");
            for (String name : DOCUMENTS) {
                try (InputStream in = PaymentContracts.class.getClassLoader().getResourceAsStream("contracts/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("no contracts/" + name + " on the classpath");
                    }
                    Files.copy(in, dir.resolve(name));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OpenApiInteractionValidator validator(Path dir, String name) {
        return OpenApiInteractionValidator.createForSpecificationUrl(dir.resolve(name).toUri().toString())
                .withResolveCombinators(true)
                .build();
    }
}

package dev.marquee.sandbox.faults;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.marquee.contracts.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * contracts/sandbox-admin-api.yaml, checked like {@code OpenApiContract} checks the theatre API. The
 * document refers to theatre-api.yaml and payment-provider-api.yaml by relative paths, which the
 * validator cannot follow inside a jar, so all three are copied to a directory first.
 */
final class AdminApiDocument {
    private final OpenApiInteractionValidator validator;

    private AdminApiDocument(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    static AdminApiDocument load() {
        try {
            Path dir = Files.createTempDirectory("sandbox-admin-api");
            for (String name : new String[] {"sandbox-admin-api.yaml", "theatre-api.yaml", "payment-provider-api.yaml"}) {
                try (InputStream in = AdminApiDocument.class.getClassLoader().getResourceAsStream("contracts/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("no contracts/" + name + " on the classpath");
                    }
                    Files.copy(in, dir.resolve(name));
                }
            }
            return new AdminApiDocument(OpenApiInteractionValidator
                    .createForSpecificationUrl(dir.resolve("sandbox-admin-api.yaml").toUri().toString())
                    .withResolveCombinators(true)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertConforms(Exchange exchange) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), exchange.uri().getRawPath());
        if (exchange.requestBody() != null) {
            request.withContentType("application/json").withBody(exchange.requestBody());
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        if (exchange.responseContentType() != null) {
            response.withContentType(exchange.responseContentType());
        }
        if (exchange.responseBody() != null) {
            response.withBody(exchange.responseBody());
        }
        ValidationReport report = validator.validate(request.build(), response.build());
        if (report.hasErrors()) {
            throw new AssertionError(exchange.method() + " " + exchange.uri() + " -> " + exchange.status()
                    + " breaks contracts/sandbox-admin-api.yaml:\n" + report.getMessages().stream()
                            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                            .map(m -> "  - " + m.getKey() + ": " + m.getMessage())
                            .collect(Collectors.joining("\n")) + "\nresponse body: " + exchange.responseBody());
        }
    }
}

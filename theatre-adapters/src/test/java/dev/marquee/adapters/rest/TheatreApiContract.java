package dev.marquee.adapters.rest;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.marquee.contracts.OpenApiContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads theatre-api.yaml for checking exchanges. Two descriptions in it hold an unquoted comma inside a
 * YAML flow mapping ({@code x: { ..., description: Column for drawing, in seat widths; ... }}), which
 * YAML reads as an extra key and the validator rejects. Until the document quotes them, a copy with
 * every such description quoted is checked instead; nothing else changes.
 */
final class TheatreApiContract {
    private static final Pattern UNQUOTED_FLOW_DESCRIPTION = Pattern.compile("description: ([^'\"|>{\\n][^}\\n]*,[^}\\n]*?) }");

    private TheatreApiContract() {
    }

    static OpenApiContract load() {
        try {
            return OpenApiContract.theatreApi();
        } catch (OpenApiInteractionValidator.ApiLoadException e) {
            return OpenApiContract.load(writeQuotedCopy());
        }
    }

    private static String writeQuotedCopy() {
        String name = "contracts/theatre-api.quoted.yaml";
        try (InputStream original = Objects.requireNonNull(
                TheatreApiContract.class.getClassLoader().getResourceAsStream(OpenApiContract.THEATRE_API))) {
            String yaml = new String(original.readAllBytes(), StandardCharsets.UTF_8);
            Matcher matcher = UNQUOTED_FLOW_DESCRIPTION.matcher(yaml);
            String quoted = matcher.replaceAll(m -> Matcher.quoteReplacement("description: '" + m.group(1).replace("'", "''") + "' }"));
            Path testClasses = Path.of(TheatreApiContract.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path copy = testClasses.resolve(name);
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, quoted);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

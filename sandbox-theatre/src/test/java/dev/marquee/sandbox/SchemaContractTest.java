package dev.marquee.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaContractTest {

    @Test
    void theMigrationIsExactlyThePublishedSchema() throws IOException {
        String published = Files.readString(Path.of("../contracts/sandbox-schema.sql"), StandardCharsets.UTF_8);
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V1__sandbox_schema.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(migration).isEqualTo(published);
    }

    @Test
    void laterMigrationsKeepToTheSandboxsOwnTables() throws IOException {
        // Only V1 is published; V2 onwards (the payment provider's tables) must leave the published ones alone.
        String payments;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V2__payments.sql")) {
            payments = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = Arrays.stream(payments.split(";"))
                .map(s -> s.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + " " + b).strip())
                .filter(s -> !s.isEmpty())
                .toList();

        assertThat(statements).isNotEmpty().allSatisfy(statement -> assertThat(statement)
                .matches("(?s)CREATE (TABLE|INDEX \\w+ ON) payment_\\w+ .*"));
    }
}

package dev.marquee.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

package dev.marquee.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway process runs the shaded jar only while it is as new as the compiled classes. */
class GatewayProcessTest {
    private static final Instant BUILD = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path target;

    private Path file(String name, Instant modified) throws IOException {
        Path file = target.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void aJarBuiltAfterTheLastCompileIsRun() throws IOException {
        file("classes/dev/marquee/gateway/GatewayApplication.class", BUILD.minusSeconds(60));
        Path jar = file("gateway-app-0.1.0-SNAPSHOT-all.jar", BUILD);

        assertThat(GatewayProcess.freshJar(target)).contains(jar);
    }

    @Test
    void aJarOlderThanACompiledClassIsNotRun() throws IOException {
        file("gateway-app-0.1.0-SNAPSHOT-all.jar", BUILD);
        file("classes/dev/marquee/gateway/holds/Holds.class", BUILD.plusSeconds(1));

        assertThat(GatewayProcess.freshJar(target)).isEmpty();
    }

    @Test
    void withoutAJarTheClassesAreRun() throws IOException {
        file("classes/dev/marquee/gateway/GatewayApplication.class", BUILD);

        assertThat(GatewayProcess.freshJar(target)).isEmpty();
    }
}

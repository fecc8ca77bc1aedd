package dev.marquee.gateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.web.ApiClient;
import dev.marquee.gateway.web.ApiClient.Answer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seat-map benchmark's ceiling route: there only when asked for, and then the file's bytes as they are. */
class StaticBytesControllerTest {
    private static final Map<String, Object> QUIET = Map.of("marquee.sync.enabled", "false",
            "flyway.datasources.default.enabled", "false");

    @Test
    void withoutTheSettingThereIsNoSuchRoute() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, QUIET, "test")) {
            assertThat(new ApiClient(server.getURL()).send("GET", "/benchmark/static", null, null).status()).isEqualTo(404);
        }
    }

    @Test
    void withTheSettingItAnswersTheFilesBytesAsJsonEveryTime(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("seats.json");
        Files.writeString(file, "{\"seats\":[" + "{\"id\":\"F12\"},".repeat(2000) + "{\"id\":\"F13\"}]}");
        Map<String, Object> settings = new java.util.HashMap<>(QUIET);
        settings.put("marquee.benchmark.static-file", file.toString());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings, "test")) {
            ApiClient api = new ApiClient(server.getURL());
            for (int i = 0; i < 3; i++) {
                Answer answer = api.send("GET", "/benchmark/static", null, null);

                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.contentType()).startsWith("application/json");
                assertThat(answer.body()).isEqualTo(Files.readString(file));
            }
        }
    }
}

package dev.marquee.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's database as the README names it ({@code MARQUEE_DB_URL}, {@code _USER}, {@code _PASSWORD}), and by
 * Micronaut's own names ({@code DATASOURCES_DEFAULT_URL}, …), which win when both are set. Variables are given as the
 * environment gives them, without starting the context's beans.
 */
class DatabaseSettingsTest {
    private static final String URL = "datasources.default.url";
    private static final String USER = "datasources.default.username";
    private static final String PASSWORD = "datasources.default.password";

    /** The datasource settings the gateway's configuration makes of these environment variables. */
    private static Map<String, String> datasourceWith(Map<String, Object> variables) {
        try (ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .propertySources(PropertySource.of("variables", variables, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .build()) {
            Environment environment = context.getEnvironment().start();
            return Map.of(URL, environment.getRequiredProperty(URL, String.class),
                    USER, environment.getRequiredProperty(USER, String.class),
                    PASSWORD, environment.getProperty(PASSWORD, String.class).orElse(""));
        }
    }

    @Test
    void theReadmesVariablesNameTheDatabase() {
        assertThat(datasourceWith(Map.of("MARQUEE_DB_URL", "jdbc:postgresql://db:5432/marquee", "MARQUEE_DB_USER", "marquee",
                "MARQUEE_DB_PASSWORD", "secret"))).isEqualTo(Map.of(URL, "jdbc:postgresql://db:5432/marquee", USER, "marquee",
                PASSWORD, "secret"));
    }

    @Test
    void micronautsOwnVariablesNameItToo() {
        assertThat(datasourceWith(Map.of("DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db:5432/marquee",
                "DATASOURCES_DEFAULT_USERNAME", "marquee", "DATASOURCES_DEFAULT_PASSWORD", "secret")))
                .isEqualTo(Map.of(URL, "jdbc:postgresql://db:5432/marquee", USER, "marquee", PASSWORD, "secret"));
    }

    @Test
    void micronautsOwnNameWinsWhenBothAreSet() {
        assertThat(datasourceWith(Map.of("MARQUEE_DB_URL", "jdbc:postgresql://readme:5432/marquee",
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://micronaut:5432/marquee")).get(URL))
                .isEqualTo("jdbc:postgresql://micronaut:5432/marquee");
    }

    @Test
    void withoutEitherTheGatewayRunsOnItsEmbeddedDatabase() {
        assertThat(datasourceWith(Map.of())).containsEntry(URL,
                "jdbc:h2:mem:marquee;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
                .containsEntry(USER, "sa");
    }
}

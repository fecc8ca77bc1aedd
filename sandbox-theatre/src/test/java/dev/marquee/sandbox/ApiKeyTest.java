package dev.marquee.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.sandbox.support.SandboxIntegrationTest;
import dev.marquee.sandbox.support.SandboxTestSupport;
import io.micronaut.context.annotation.Property;
import org.junit.jupiter.api.Test;

@SandboxIntegrationTest
@Property(name = "sandbox.api-key", value = "k3y-for-tests")
class ApiKeyTest extends SandboxTestSupport {

    @Test
    void theTheatreApiWantsTheKeyWhenOneIsSet() {
        assertThat(http.get("/theatre/v1/catalog?limit=1").status()).isEqualTo(401);
        assertThat(http.withHeader("Authorization", "Bearer wrong").get("/theatre/v1/catalog?limit=1").status()).isEqualTo(401);
        assertThat(http.withHeader("Authorization", "Bearer k3y-for-tests").get("/theatre/v1/catalog?limit=1").status())
                .isEqualTo(200);
    }

    @Test
    void theAdminApiDoesNotWantTheKey() {
        assertThat(admin.info().chainName()).isNotBlank();
    }
}

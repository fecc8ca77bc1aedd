package dev.marquee.sandbox.support;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test against a running sandbox on PostgreSQL (seed 7, small). Extend
 * {@link SandboxTestSupport}: before each test the catalogue is regenerated and the clock reset.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(TestDatabase.class)
@MicronautTest(transactional = false)
public @interface SandboxIntegrationTest {
}

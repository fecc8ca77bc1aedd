package dev.marquee.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void aPasswordOfTenCharactersOrMoreIsAccepted() {
        assertThat(PasswordPolicy.refusal("popcorn-42", "ada@example.org")).isEmpty();
        assertThat(PasswordPolicy.refusal("a quiet night at the cinema", "ada@example.org")).isEmpty();
    }

    @Test
    void aPasswordShorterThanTenCharactersIsRefused() {
        assertThat(PasswordPolicy.refusal("popcorn-4", "ada@example.org")).contains("must be at least 10 characters");
        assertThat(PasswordPolicy.refusal("", "ada@example.org")).isPresent();
        assertThat(PasswordPolicy.refusal(null, "ada@example.org")).isPresent();
    }

    @Test
    void charactersAreCountedNotUtf16Units() {
        // Nine emoji are 18 UTF-16 units but nine characters.
        assertThat(PasswordPolicy.refusal("🎬".repeat(9), "ada@example.org")).contains("must be at least 10 characters");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefused() {
        assertThat(PasswordPolicy.refusal("x1".repeat(36), "ada@example.org")).isEmpty();
        assertThat(PasswordPolicy.refusal("x1".repeat(36) + "y", "ada@example.org")).contains("must be at most 72 bytes in UTF-8");
    }

    @Test
    void oneCharacterRepeatedIsRefused() {
        assertThat(PasswordPolicy.refusal("aaaaaaaaaaaa", "ada@example.org")).contains("must not be one character repeated");
    }

    @Test
    void theEmailAsPasswordIsRefused() {
        assertThat(PasswordPolicy.refusal("Ada@Example.org", "ada@example.org")).contains("must not be the email address");
    }
}

package dev.marquee.gateway.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealingTest {
    private static final String TOKEN = "q7Yb0lZ3cF0m1mO0r8bQn2r7mTgJ5uN0u1W8a3pXy4c";

    private final Sealing sealing = Sealing.withKey(key((byte) 1));

    private static byte[] key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return key;
    }

    @Test
    void aSealedValueOpensForItsRowAndShowsNothingOfThePlainText() {
        String sealed = sealing.seal(TOKEN, "row-1");

        assertThat(sealed).startsWith("v1:").doesNotContain(TOKEN);
        assertThat(sealing.open(sealed, "row-1")).isEqualTo(TOKEN);
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertThat(sealing.seal(TOKEN, "row-1")).isNotEqualTo(sealing.seal(TOKEN, "row-1"));
    }

    @Test
    void aSealedTokenFitsTheWaitlistColumn() {
        assertThat(sealing.seal(TOKEN, "waitlist_entries:wl_1").length()).isLessThanOrEqualTo(200);
    }

    @Test
    void aValueMovedToAnotherRowOrSealedWithAnotherKeyDoesNotOpen() {
        String sealed = sealing.seal(TOKEN, "row-1");

        assertThatThrownBy(() -> sealing.open(sealed, "row-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Sealing.withKey(key((byte) 2)).open(sealed, "row-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueWrittenBeforeSealingIsReadAsItIs() {
        assertThat(sealing.open("{\"token\":\"plain\"}", "row-1")).isEqualTo("{\"token\":\"plain\"}");
        assertThat(sealing.open(null, "row-1")).isNull();
        assertThat(sealing.seal(null, "row-1")).isNull();
    }

    @Test
    void aConfiguredKeyMustBe32BytesOfBase64AndIsNeverPrinted() {
        String good = Base64.getEncoder().encodeToString(key((byte) 3));

        assertThat(new SecretsSettings(good).keyBytes()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(key((byte) 3)));
        assertThat(new SecretsSettings(good).toString()).doesNotContain(good);
        assertThat(new SecretsSettings("").keyBytes()).isEmpty();
        assertThatThrownBy(() -> new SecretsSettings(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("marquee.secrets.key").hasMessageContaining("16");
        assertThatThrownBy(() -> new SecretsSettings("not base64!")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("marquee.secrets.key");
    }
}

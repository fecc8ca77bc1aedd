package dev.marquee.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_test";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureOverTheTimestampAndBodyWithTheSecretIsValid() {
        String header = WebhookSignature.sign(SECRET, NOW.minusSeconds(30), BODY);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE))
                .isEqualTo(new WebhookSignature.Verdict.Valid(NOW.minusSeconds(30)));
    }

    @Test
    void anAlteredBodyDoesNotMatch() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);
        byte[] altered = "{\"id\":\"evt_1\",\"type\":\"payment.succeedeD\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.verify(header, altered, SECRET, NOW, TOLERANCE)).isInstanceOf(WebhookSignature.Verdict.Mismatch.class);
    }

    @Test
    void anotherSecretDoesNotMatch() {
        String header = WebhookSignature.sign("whsec_other", NOW, BODY);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE)).isInstanceOf(WebhookSignature.Verdict.Mismatch.class);
    }

    @Test
    void aChangedTimestampDoesNotMatchBecauseItIsSigned() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY).replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE)).isInstanceOf(WebhookSignature.Verdict.Mismatch.class);
    }

    @Test
    void aSignatureOlderThanTheToleranceIsRefusedAsAPossibleReplay() {
        String header = WebhookSignature.sign(SECRET, NOW.minus(TOLERANCE).minusSeconds(1), BODY);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE))
                .isInstanceOf(WebhookSignature.Verdict.OutsideTolerance.class);
    }

    @Test
    void aSignatureFromTheFutureBeyondTheToleranceIsRefused() {
        String header = WebhookSignature.sign(SECRET, NOW.plus(TOLERANCE).plusSeconds(1), BODY);

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE))
                .isInstanceOf(WebhookSignature.Verdict.OutsideTolerance.class);
    }

    @Test
    void anyOfSeveralSignaturesMayMatchWhileTheSecretIsRotated() {
        String valid = WebhookSignature.sign(SECRET, NOW, BODY);
        String header = valid.replace(",v1=", ",v1=00ff,v1=");

        assertThat(WebhookSignature.verify(header, BODY, SECRET, NOW, TOLERANCE)).isInstanceOf(WebhookSignature.Verdict.Valid.class);
    }

    @Test
    void aMissingOrMalformedHeaderIsMalformed() {
        assertThat(WebhookSignature.verify(null, BODY, SECRET, NOW, TOLERANCE)).isInstanceOf(WebhookSignature.Verdict.Malformed.class);
        assertThat(WebhookSignature.verify("v1=abc", BODY, SECRET, NOW, TOLERANCE)).isInstanceOf(WebhookSignature.Verdict.Malformed.class);
        assertThat(WebhookSignature.verify("t=abc,v1=abc", BODY, SECRET, NOW, TOLERANCE))
                .isInstanceOf(WebhookSignature.Verdict.Malformed.class);
        assertThat(WebhookSignature.verify("garbage", BODY, SECRET, NOW, TOLERANCE)).isInstanceOf(WebhookSignature.Verdict.Malformed.class);
    }
}

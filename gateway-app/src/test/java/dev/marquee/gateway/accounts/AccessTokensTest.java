package dev.marquee.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.web.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final TestClock clock = new TestClock();
    private final byte[] key = key((byte) 7);
    private final AccessTokens tokens = new AccessTokens(key, clock);
    private final Session session = new Session("session-1", "account-1", "cookie-hash", NOW, NOW.plus(Duration.ofDays(14)));

    AccessTokensTest() {
        clock.set(NOW);
    }

    @Test
    void aTokenNamesItsAccountAndSession() {
        AccessTokens.Issued issued = tokens.issue(session, Duration.ofHours(1));

        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(tokens.read(issued.token())).contains(new AccessTokens.Claims("account-1", "session-1"));
    }

    @Test
    void aTokenExpiresAfterItsTimeToLive() {
        String token = tokens.issue(session, Duration.ofHours(1)).token();

        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.read(token)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.read(token)).isEmpty();
    }

    @Test
    void aTokenNeverOutlivesItsSession() {
        Session ending = new Session("session-2", "account-1", "cookie-hash", NOW, NOW.plus(Duration.ofMinutes(10)));

        assertThat(tokens.issue(ending, Duration.ofHours(1)).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsNotAccepted() {
        String foreign = new AccessTokens(key((byte) 8), clock).issue(session, Duration.ofHours(1)).token();

        assertThat(tokens.read(foreign)).isEmpty();
    }

    @Test
    void anAlteredTokenIsNotAccepted() {
        String token = tokens.issue(session, Duration.ofHours(1)).token();
        String[] parts = token.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"marquee-gateway\",\"sub\":\"account-2\",\"sid\":\"session-1\",\"exp\":9999999999}".getBytes());

        assertThat(tokens.read(parts[0] + "." + otherClaims + "." + parts[2])).isEmpty();
        assertThat(tokens.read("not-a-token")).isEmpty();
        assertThat(tokens.read(parts[0] + "." + parts[1] + ".")).isEmpty();
    }

    private static byte[] key(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return key;
    }
}

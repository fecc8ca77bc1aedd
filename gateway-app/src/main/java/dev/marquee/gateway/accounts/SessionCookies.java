package dev.marquee.gateway.accounts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;
import java.util.List;

/**
 * The cookies of a signed-in browser: {@value #SESSION} (HttpOnly: scripts never see it) and {@value #CSRF}, which
 * scripts of the site read and send back as {@value #CSRF_HEADER} with every write (double submit: another site can
 * make the browser send the cookies, but cannot read them). Both are SameSite=Lax, for the whole site, and Secure when
 * the request came over TLS (directly, or as {@code X-Forwarded-Proto: https} from the proxy in front).
 */
final class SessionCookies {
    static final String SESSION = "marquee_session";
    static final String CSRF = "marquee_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private SessionCookies() {
    }

    static List<Cookie> signedIn(HttpRequest<?> request, String session, String csrf, Duration maxAge) {
        return List.of(cookie(request, SESSION, session, maxAge).httpOnly(true), cookie(request, CSRF, csrf, maxAge).httpOnly(false));
    }

    /** The same cookies, emptied and expired: the browser drops them. */
    static List<Cookie> signedOut(HttpRequest<?> request) {
        return List.of(cookie(request, SESSION, "", Duration.ZERO).httpOnly(true), cookie(request, CSRF, "", Duration.ZERO).httpOnly(false));
    }

    private static Cookie cookie(HttpRequest<?> request, String name, String value, Duration maxAge) {
        return Cookie.of(name, value).path("/").sameSite(SameSite.Lax).secure(overTls(request)).maxAge(maxAge);
    }

    static boolean overTls(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeaders().get(FORWARDED_PROTO);
        return proto != null && proto.split(",")[0].strip().equalsIgnoreCase("https");
    }
}

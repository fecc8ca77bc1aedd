package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.CsrfTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;
import java.util.List;

/**
 * The cookies of a signed-in browser: {@value #SESSION} (HttpOnly: scripts never see it; SameSite=Lax, so that a link
 * from another site still arrives signed in) and the site's CSRF token ({@link CsrfTokens}), which the pages' scripts
 * read and send back as {@value CsrfTokens#HEADER} with every write. Both are for the whole site, and Secure when the
 * request came over TLS (directly, or as {@code X-Forwarded-Proto: https} from the proxy in front).
 */
final class SessionCookies {
    static final String SESSION = "marquee_session";
    static final String CSRF = CsrfTokens.COOKIE;
    static final String CSRF_HEADER = CsrfTokens.HEADER;

    private SessionCookies() {
    }

    /** The session cookie, and a new CSRF token: a token a page held before signing in is not carried into the session. */
    static List<Cookie> signedIn(HttpRequest<?> request, String session, Duration maxAge) {
        boolean secure = CsrfTokens.overTls(request);
        return List.of(session(session, secure).maxAge(maxAge), CsrfTokens.newCookie(secure));
    }

    /** The session cookie, emptied and expired: the browser drops it. The CSRF token stays, for the pages' guest writes. */
    static List<Cookie> signedOut(HttpRequest<?> request) {
        return List.of(session("", CsrfTokens.overTls(request)).maxAge(Duration.ZERO));
    }

    private static Cookie session(String value, boolean secure) {
        return Cookie.of(SESSION, value).path("/").httpOnly(true).sameSite(SameSite.Lax).secure(secure);
    }
}

package dev.marquee.gateway.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Cross-site request forgery protection for writes made by the gateway's own pages (double submit): the page gets a
 * random token in the cookie {@value #COOKIE}, which its scripts read and send back in the header {@value #HEADER}.
 * Another site can make a browser send the cookie, but it can neither read the cookie nor set that header on a
 * cross-origin request without a CORS permission the gateway never gives, so a matching pair proves the request came
 * from a page of this origin. Browsers that say where a request came from ({@code Sec-Fetch-Site}) must say this site.
 */
public final class CsrfTokens {
    public static final String COOKIE = "marquee_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** Whether the request carries the page's token in both the cookie and the header, from a page of this site. */
    public static boolean verified(HttpRequest<?> request) {
        String header = request.getHeaders().get(HEADER);
        Optional<Cookie> cookie = request.getCookies().findCookie(COOKIE);
        if (header == null || header.isBlank() || cookie.isEmpty() || cookie.get().getValue().isBlank()) {
            return false;
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.get().getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** The request's token cookie, if it has one. */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    /**
     * A new token cookie for a page. Readable by the page's scripts (that is the point), sent only to this site
     * ({@code SameSite=Strict}), and only over TLS when the page came over TLS.
     */
    public static Cookie newCookie(boolean secure) {
        byte[] value = new byte[24];
        RANDOM.nextBytes(value);
        return Cookie.of(COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(value))
                .path("/").httpOnly(false).secure(secure).sameSite(SameSite.Strict);
    }

    /** Whether the request reached the gateway over TLS, directly or through a proxy that says so. */
    public static boolean overTls(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}

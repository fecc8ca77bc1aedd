package dev.marquee.gateway.webapp;

import dev.marquee.gateway.web.CsrfTokens;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The moviegoers' web app, served by the gateway itself: one page ({@code webapp/index.html}) whose ES modules draw
 * every view from the public API, so the web app books exactly as any other consumer app does. Each view has its own
 * URL, and every one of them answers the same page, which then draws the view its address names: a shared link to
 * {@code /shows/aurora%3A19} opens that show's seat map. Nothing is built or fetched from elsewhere: the modules are
 * plain files in the jar.
 */
@Controller
final class WebAppController {
    private static final String FOLDER = "webapp/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(js|css|svg)");
    private static final Map<String, MediaType> TYPES = Map.of(
            "js", MediaType.of("text/javascript"),
            "css", MediaType.of("text/css"),
            "svg", MediaType.of("image/svg+xml"));
    /**
     * Scripts, styles and data from this site only; posters may come from a chain's image server. No site may frame
     * the pages (a seat picker in a hidden frame is a click-jacking target).
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob: https: http:; "
            + "style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'";

    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    /** A file of the web app with its ETag, the hash of its bytes. */
    private record Asset(byte[] bytes, String etag) {
    }

    @Get(uris = {"/", "/cities/{cityId}", "/movies/{movieId}", "/shows/{showId}", "/bookings/{bookingId}", "/search",
        "/account", "/account/sign-in", "/account/sign-up", "/account/verify-email", "/account/forgot-password",
        "/account/reset-password", "/account/claim-booking"}, produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> page(HttpRequest<?> request) {
        Asset page = asset("index.html").orElseThrow(() -> new IllegalStateException(
                FOLDER + "index.html is not on the class path: the build packs it into the gateway"));
        MutableHttpResponse<byte[]> response = HttpResponse.ok(page.bytes()).contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (CsrfTokens.of(request).isEmpty()) {
            response.cookie(CsrfTokens.newCookie(CsrfTokens.overTls(request)));
        }
        return response;
    }

    /** The page's modules and styles. Revalidated on each visit (a 304 when unchanged), so a new build shows at once. */
    @Get(uri = "/app/{name}", produces = MediaType.ALL)
    HttpResponse<byte[]> asset(@PathVariable String name, HttpRequest<?> request) {
        if (!ASSET.matcher(name).matches()) {
            return HttpResponse.notFound();
        }
        Optional<Asset> asset = asset(name);
        if (asset.isEmpty()) {
            return HttpResponse.notFound();
        }
        String etag = asset.get().etag();
        if (etag.equals(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH))) {
            return HttpResponse.<byte[]>notModified().header(HttpHeaders.ETAG, etag);
        }
        MediaType type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return HttpResponse.ok(asset.get().bytes()).contentType(type).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").header("X-Content-Type-Options", "nosniff");
    }

    private Optional<Asset> asset(String name) {
        return assets.computeIfAbsent(name, WebAppController::read);
    }

    private static Optional<Asset> read(String name) {
        try (InputStream in = WebAppController.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Optional.of(new Asset(bytes, "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

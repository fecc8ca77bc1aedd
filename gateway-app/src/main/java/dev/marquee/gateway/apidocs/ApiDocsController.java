package dev.marquee.gateway.apidocs;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's documentation, served by the gateway itself: {@code /docs} is Swagger UI (from the swagger-ui WebJar) on
 * {@code /docs/gateway-api.yaml}, the same OpenAPI document the tests check every answer against. Nothing is fetched
 * from anywhere else when the page loads. Only the files named here are served, so no path reaches other resources.
 */
@Controller("/docs")
final class ApiDocsController {
    private static final String OWN = "api-docs/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final MediaType YAML = MediaType.of("application/yaml");
    private static final MediaType JAVASCRIPT = MediaType.of("text/javascript");
    /** The page's own script and Swagger UI's files it loads, by the name the page asks for. */
    private static final Map<String, MediaType> ASSETS = Map.of(
            "swagger-ui.css", MediaType.of("text/css"),
            "swagger-ui-bundle.js", JAVASCRIPT,
            "favicon-32x32.png", MediaType.IMAGE_PNG_TYPE,
            "marquee-docs.js", JAVASCRIPT);
    /** Scripts and styles from this server only; Swagger UI sets inline styles and draws icons as data: images. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();
    private final String webjarFolder = WEBJAR + webjarVersion() + "/";

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> page() {
        return HttpResponse.ok(resource(OWN + "index.html")).contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    @Get(uri = "/gateway-api.yaml", produces = "application/yaml")
    HttpResponse<byte[]> document() {
        return HttpResponse.ok(resource(OWN + "gateway-api.yaml")).contentType(YAML);
    }

    @Get(uri = "/assets/{name}", produces = MediaType.ALL)
    HttpResponse<byte[]> asset(@PathVariable String name) {
        MediaType type = ASSETS.get(name);
        if (type == null) {
            return HttpResponse.notFound();
        }
        String path = name.startsWith("marquee-") ? OWN + name : webjarFolder + name;
        // The files change only with a new build; a day's caching spares a browser the 1.5 MB bundle on each visit.
        return HttpResponse.ok(resource(path)).contentType(type).header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400");
    }

    private byte[] resource(String path) {
        return loaded.computeIfAbsent(path, ApiDocsController::read);
    }

    private static byte[] read(String path) {
        try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path: the build packs it into the gateway");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WebJar's version, which names its folder: read from the jar, so that updating the dependency is enough. */
    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is not on the class path (" + WEBJAR_VERSION + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}

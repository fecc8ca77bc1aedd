package dev.marquee.gateway.benchmark;

import dev.marquee.gateway.seating.SeatMapVersion;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ceiling a seat map is measured against inside this very server: the bytes of a file, read once and answered
 * as they are, written the way a seat map's ready bytes are (an off-heap buffer, the same headers), with no routing
 * of its own beyond Micronaut's. What a seat-map read costs above this is the seat map's. Only present when
 * {@code marquee.benchmark.static-file} names a file, as {@code bench/seat-map.sh} sets it; it answers 404 until
 * the file exists.
 */
@Controller("/benchmark")
@Requires(property = "marquee.benchmark.static-file")
final class StaticBytesController {
    private final Path file;
    private volatile ByteBuf bytes;

    StaticBytesController(@Value("${marquee.benchmark.static-file}") String file) {
        this.file = Path.of(file);
    }

    @Get(value = "/static", produces = MediaType.APPLICATION_JSON)
    HttpResponse<ByteBuf> staticBytes() {
        return HttpResponse.ok(Unpooled.unreleasableBuffer(loaded().duplicate()))
                .header(HttpHeaders.ETAG, "\"static\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header(HttpHeaders.AGE, "0")
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private ByteBuf loaded() {
        ByteBuf current = bytes;
        if (current == null) {
            try {
                current = SeatMapVersion.offHeap(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new HttpStatusException(HttpStatus.NOT_FOUND, "no file to serve yet");
            }
            bytes = current;
        }
        return current;
    }
}

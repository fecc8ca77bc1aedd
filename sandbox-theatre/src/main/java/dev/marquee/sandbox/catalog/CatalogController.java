package dev.marquee.sandbox.catalog;

import dev.marquee.sandbox.SandboxConfig;
import dev.marquee.sandbox.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /theatre/v1/catalog}. */
@Controller("/theatre/v1/catalog")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CatalogController {
    static final int DEFAULT_LIMIT = 2000;
    static final int MAX_LIMIT = 10_000;

    private final CatalogService catalog;
    private final SandboxConfig config;

    public CatalogController(CatalogService catalog, SandboxConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    @Get
    public CatalogPage read(@QueryValue @Nullable String since, @QueryValue @Nullable String limit) {
        int pageSize = parseLimit(limit);
        ReadPosition position;
        if (since == null || since.isEmpty()) {
            position = ReadPosition.start();
        } else {
            try {
                position = ReadPosition.parse(since, config.cursorOverlap());
            } catch (IllegalArgumentException e) {
                throw Problem.BAD_REQUEST.exception("since: " + e.getMessage());
            }
        }
        return catalog.readPage(position, pageSize);
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.BAD_REQUEST.exception("limit must be an integer from 1 to " + MAX_LIMIT + ", was '" + limit + "'");
    }
}

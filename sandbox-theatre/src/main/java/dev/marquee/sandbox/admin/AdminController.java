package dev.marquee.sandbox.admin;

import dev.marquee.sandbox.catalog.CatalogService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The admin API, {@code /sandbox/v1} (contracts/sandbox-admin-api.yaml). */
@Controller("/sandbox/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminController {
    private final CatalogService catalog;

    public AdminController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Get("/info")
    public CatalogService.Info info() {
        return catalog.info();
    }

    @Post("/reset")
    @Status(HttpStatus.NO_CONTENT)
    public HttpResponse<Void> reset() {
        catalog.regenerate();
        return HttpResponse.noContent();
    }
}

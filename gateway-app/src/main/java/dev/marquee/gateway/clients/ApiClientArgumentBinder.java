package dev.marquee.gateway.clients;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/** Binds a controller's {@link ApiClient} argument to the client {@link ApiKeyFilter} admitted the request for. */
@Singleton
final class ApiClientArgumentBinder implements TypedRequestArgumentBinder<ApiClient> {
    private static final Argument<ApiClient> TYPE = Argument.of(ApiClient.class);

    @Override
    public Argument<ApiClient> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<ApiClient> bind(ArgumentConversionContext<ApiClient> context, HttpRequest<?> request) {
        ApiClient client = request.getAttribute(ApiKeyFilter.ATTRIBUTE, ApiClient.class)
                .orElseThrow(() -> new IllegalStateException("no API client admitted for " + request.getPath()));
        return () -> java.util.Optional.of(client);
    }
}

package dev.marquee.gateway.web;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller's {@link Bearer} argument from the {@code Authorization} header. A request without a
 * usable token never reaches the controller: binding throws {@link UnauthorizedException}, which the one
 * problem handler answers.
 */
@Singleton
final class BearerArgumentBinder implements TypedRequestArgumentBinder<Bearer> {
    private static final Argument<Bearer> TYPE = Argument.of(Bearer.class);

    @Override
    public Argument<Bearer> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Bearer> bind(ArgumentConversionContext<Bearer> context, HttpRequest<?> request) {
        Bearer bearer = Bearer.parse(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).orElseThrow(UnauthorizedException::new);
        return () -> Optional.of(bearer);
    }
}

package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.UnauthorizedException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller's {@link Customer} argument to the customer {@link CustomerFilter} found. A required argument
 * without one is answered 401; a {@code @Nullable} one is null for a guest.
 */
@Singleton
final class CustomerArgumentBinder implements TypedRequestArgumentBinder<Customer> {
    private static final Argument<Customer> TYPE = Argument.of(Customer.class);

    @Override
    public Argument<Customer> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Customer> bind(ArgumentConversionContext<Customer> context, HttpRequest<?> request) {
        Optional<Customer> customer = request.getAttribute(CustomerFilter.ATTRIBUTE, Customer.class);
        if (customer.isEmpty() && !context.getArgument().isNullable()) {
            throw new UnauthorizedException("Sign in first (POST /api/v1/sessions), then send the marquee_session cookie or "
                    + "'Authorization: Bearer <accessToken>'");
        }
        return () -> customer;
    }
}

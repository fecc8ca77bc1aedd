package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.InvalidParam;
import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.JsonFields;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.UnauthorizedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/**
 * The signed-in customer's own resources: the profile, bookings and tickets, claiming a guest booking, and deleting the
 * account. Every route needs a {@link Customer}; a write by cookie also its CSRF header (see {@link CustomerFilter}).
 */
@Controller("/api/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {
    private final Accounts accounts;
    private final MyBookings bookings;
    private final AccountLimits limits;

    public MeController(Accounts accounts, MyBookings bookings, AccountLimits limits) {
        this.accounts = accounts;
        this.bookings = bookings;
        this.limits = limits;
    }

    @Get
    public AccountView profile(Customer customer) {
        return AccountView.of(account(customer));
    }

    /** Fields left out stay as they are; an empty string clears name, phone or default city. */
    @Patch(consumes = MediaType.APPLICATION_JSON)
    public AccountView changeProfile(Customer customer, @Body @Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "name, email, phone and defaultCityId");
        Profile change = new Profile(fields.text("name"), fields.text("email"), fields.text("phone"), fields.text("defaultCityId"));
        fields.check();
        return switch (accounts.changeProfile(customer.accountId(), change)) {
            case Accounts.ProfileChange.Changed changed -> AccountView.of(changed.account());
            case Accounts.ProfileChange.Invalid invalid -> throw Bodies.invalid(invalid.faults());
            case Accounts.ProfileChange.EmailTaken taken -> throw ProblemException.of(ProblemType.EMAIL_TAKEN,
                    "That email belongs to another account");
            case Accounts.ProfileChange.NoAccount none -> throw new UnauthorizedException("The account is gone; sign in again");
        };
    }

    /** Deletes the account once the password confirms it; its bookings stay, without it. */
    @Delete(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> delete(Customer customer, @Body @Nullable JsonNode body, HttpRequest<?> request) {
        JsonFields fields = JsonFields.of(body, "password");
        String password = fields.text("password");
        fields.check();
        Bodies.required(password, "password");
        // Counted as a sign-in attempt: this is another place to try passwords.
        limits.signIn(request, account(customer).email());
        return switch (accounts.delete(customer.accountId(), password)) {
            case Accounts.Deletion.Deleted deleted -> {
                MutableHttpResponse<Void> response = HttpResponse.noContent();
                SessionCookies.signedOut(request).forEach(response::cookie);
                yield response;
            }
            case Accounts.Deletion.PasswordIncorrect incorrect -> throw new ProblemException(Problem.of(
                    ProblemType.PASSWORD_INCORRECT, "The password does not match; nothing was deleted")
                    .withInvalidParams(List.of(new InvalidParam("password", "does not match the account's"))));
        };
    }

    /** Sends another link to verify the account's email (the first was lost or expired); nothing when it is verified. */
    @Post("/verification")
    public HttpResponse<Void> resendVerification(Customer customer, HttpRequest<?> request) {
        limits.emailFrom(request);
        limits.emailTo(account(customer).email());
        accounts.resendVerification(customer.accountId());
        return HttpResponse.accepted();
    }

    /** Bookings made while signed in, or claimed, newest first. */
    @Get("/bookings")
    public List<MyBookingView> bookings(Customer customer) {
        return bookings.bookings(customer.accountId());
    }

    /** {@code when=upcoming} (default): tickets whose show has not ended; {@code past}: those whose show has. */
    @Get("/tickets")
    public List<MyTicketView> tickets(Customer customer, @QueryValue @Nullable String when) {
        if (when != null && !when.equals("upcoming") && !when.equals("past")) {
            throw InvalidParametersException.of("when", "must be upcoming or past");
        }
        return bookings.tickets(customer.accountId(), !"past".equals(when));
    }

    /**
     * Asks to add a guest booking to the account: a link goes to the email the booking was made with. Always 202, so
     * that nobody learns which booking ids exist.
     */
    @Post(uri = "/claims", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> requestClaim(Customer customer, @Body @Nullable JsonNode body, HttpRequest<?> request) {
        JsonFields fields = JsonFields.of(body, "bookingId");
        String bookingId = fields.text("bookingId");
        fields.check();
        if (Bodies.required(bookingId, "bookingId").length() > 40) {
            throw InvalidParametersException.of("bookingId", "must be at most 40 characters");
        }
        limits.emailFrom(request);
        accounts.requestClaim(customer.accountId(), bookingId);
        return HttpResponse.accepted();
    }

    /** Follows a claim link: the booking joins the account that asked for it. The token comes in the body (paths are logged). */
    @Post(uri = "/claims/confirmation", consumes = MediaType.APPLICATION_JSON)
    public Map<String, String> claim(Customer customer, @Body @Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "token");
        String token = fields.text("token");
        fields.check();
        Bodies.required(token, "token");
        return switch (accounts.claim(customer.accountId(), token)) {
            case Accounts.Claim.Claimed claimed -> Map.of("bookingId", claimed.bookingId());
            case Accounts.Claim.Refused refused -> throw ProblemException.of(ProblemType.NOT_FOUND,
                    "No claim of this account for this link, or it was used or has expired");
        };
    }

    private Account account(Customer customer) {
        return accounts.account(customer.accountId())
                .orElseThrow(() -> new UnauthorizedException("The account is gone; sign in again"));
    }
}

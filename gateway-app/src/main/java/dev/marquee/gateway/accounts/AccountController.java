package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.InvalidParametersException;
import dev.marquee.gateway.web.JsonFields;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Opening an account, verifying its email, and resetting a forgotten password. No API key: a customer's browser calls
 * these from the site's pages, where a key could not stay secret; each is rate-limited per customer address instead
 * (see {@link AccountLimits}).
 */
@Controller("/api/v1/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountController {
    private final Accounts accounts;
    private final AccountLimits limits;

    public AccountController(Accounts accounts, AccountLimits limits) {
        this.accounts = accounts;
        this.limits = limits;
    }

    /** 201 with the account; its email gets a verification link. */
    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<AccountView> signUp(@Body @Nullable JsonNode body, HttpRequest<?> request) {
        JsonFields fields = JsonFields.of(body, "email, password and name");
        String email = fields.text("email");
        String password = fields.text("password");
        String name = fields.text("name");
        fields.check();
        Bodies.required(email, "email");
        Bodies.required(password, "password");
        limits.emailFrom(request);
        return switch (accounts.signUp(email, password, name)) {
            case Accounts.SignUp.Created created -> HttpResponse.<AccountView>status(HttpStatus.CREATED)
                    .body(AccountView.of(created.account()));
            case Accounts.SignUp.Invalid invalid -> throw Bodies.invalid(invalid.faults());
            // Says the email is taken, which signing up cannot help saying, and nothing about the account.
            case Accounts.SignUp.EmailTaken taken -> throw ProblemException.of(ProblemType.EMAIL_TAKEN,
                    "This email cannot open an account; sign in, or reset the password");
        };
    }

    /** 204 once the email is verified; 404 for a link unknown, used or expired. */
    @Post(uri = "/verification", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> verify(@Body @Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "token");
        String token = fields.text("token");
        fields.check();
        if (!accounts.verify(Bodies.required(token, "token"))) {
            throw unknownLink();
        }
        return HttpResponse.noContent();
    }

    /** Always 202: whether the email has an account is not told; if it has, a reset link goes to it. */
    @Post(uri = "/password-reset", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> requestReset(@Body @Nullable JsonNode body, HttpRequest<?> request) {
        JsonFields fields = JsonFields.of(body, "email");
        String email = fields.text("email");
        fields.check();
        if (EmailAddresses.normalised(Bodies.required(email, "email")).isEmpty()) {
            throw InvalidParametersException.of("email", "must be an email address");
        }
        limits.emailFrom(request);
        limits.emailTo(email);
        accounts.requestPasswordReset(email);
        return HttpResponse.accepted();
    }

    /**
     * 204 once the new password is set (every session of the account is signed out). The link's token comes in the
     * body, not the path: paths are logged, and a token in the logs would be a password reset for whoever reads them.
     */
    @Post(uri = "/password-reset/confirmation", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> reset(@Body @Nullable JsonNode body) {
        JsonFields fields = JsonFields.of(body, "token and password");
        String token = fields.text("token");
        String password = fields.text("password");
        fields.check();
        Bodies.required(token, "token");
        Bodies.required(password, "password");
        return switch (accounts.resetPassword(token, password)) {
            case Accounts.Reset.Done done -> HttpResponse.noContent();
            case Accounts.Reset.Invalid invalid -> throw Bodies.invalid(java.util.List.of(invalid.fault()));
            case Accounts.Reset.UnknownLink unknown -> throw unknownLink();
        };
    }

    /** The link is a resource named by its token: one that is not there, or no longer, is not found. */
    private static ProblemException unknownLink() {
        return ProblemException.of(ProblemType.NOT_FOUND, "No such link, or it was used or has expired; ask for a new one");
    }
}

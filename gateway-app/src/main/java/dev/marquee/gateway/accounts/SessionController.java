package dev.marquee.gateway.accounts;

import dev.marquee.gateway.web.JsonFields;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * Signing in and out. A sign-in answers an access token (for apps, as {@code Authorization: Bearer}) and sets the
 * session and CSRF cookies (for browsers); both belong to one session, which signing out revokes. Sign-in attempts
 * are rate-limited per email and per customer address; no API key, as for {@link AccountController}.
 */
@Controller("/api/v1/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SessionController {
    private final Accounts accounts;
    private final AccessTokens tokens;
    private final AccountLimits limits;
    private final AccountSettings settings;

    public SessionController(Accounts accounts, AccessTokens tokens, AccountLimits limits, AccountSettings settings) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.limits = limits;
        this.settings = settings;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<SessionView> signIn(@Body @Nullable JsonNode body, HttpRequest<?> request) {
        JsonFields fields = JsonFields.of(body, "email and password");
        String email = fields.text("email");
        String password = fields.text("password");
        fields.check();
        Bodies.required(email, "email");
        Bodies.required(password, "password");
        limits.signIn(request, email);
        return switch (accounts.signIn(email, password)) {
            case Accounts.SignIn.SignedIn in -> {
                AccessTokens.Issued token = tokens.issue(in.session(), settings.accessTokenTtl());
                MutableHttpResponse<SessionView> response = HttpResponse.ok(new SessionView(token.token(), "Bearer",
                        token.expiresAt(), AccountView.of(in.account())));
                SessionCookies.signedIn(request, in.cookie(), settings.sessionTtl()).forEach(response::cookie);
                yield response;
            }
            // One answer for an unknown email and a wrong password: nobody learns which emails have accounts.
            case Accounts.SignIn.Refused refused -> throw new ProblemException(Problem.of(ProblemType.SIGN_IN_FAILED,
                    "Email or password not accepted"), Map.of("WWW-Authenticate", "Bearer"), null);
        };
    }

    /** Signs out: the session is revoked (its cookie and access tokens stop working) and the session cookie is cleared. */
    @Delete("/current")
    public HttpResponse<Void> signOut(Customer customer, HttpRequest<?> request) {
        accounts.signOut(customer.sessionId());
        MutableHttpResponse<Void> response = HttpResponse.noContent();
        SessionCookies.signedOut(request).forEach(response::cookie);
        return response;
    }
}

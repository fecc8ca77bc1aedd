package dev.marquee.gateway.accounts;

import dev.marquee.gateway.limits.CustomerAddresses;
import dev.marquee.gateway.limits.Limit;
import dev.marquee.gateway.limits.RateLimits;
import dev.marquee.gateway.web.Problem;
import dev.marquee.gateway.web.ProblemException;
import dev.marquee.gateway.web.ProblemType;
import dev.marquee.gateway.web.Problems;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The rates of account requests, in the shared buckets of {@link RateLimits}: sign-ins per email and per customer
 * address, so that nobody guesses passwords, and emails per address and per recipient, so that nobody floods an inbox.
 * Over one, 429 with {@code Retry-After}.
 */
@Singleton
class AccountLimits {
    private final RateLimits rates;
    private final CustomerAddresses addresses;
    private final AccountSettings settings;

    AccountLimits(RateLimits rates, CustomerAddresses addresses, AccountSettings settings) {
        this.rates = rates;
        this.addresses = addresses;
        this.settings = settings;
    }

    /** One sign-in attempt (or a password confirmation) for this email from this address. */
    void signIn(HttpRequest<?> request, String email) {
        take(settings.signInsPerAddressLimit(), addresses.of(request), "sign-in attempts from this address");
        take(settings.signInsPerEmailLimit(), subject(email), "sign-in attempts for this account");
    }

    /** One request that sends an email, from this address. */
    void emailFrom(HttpRequest<?> request) {
        take(settings.emailsPerAddressLimit(), addresses.of(request), "requests from this address");
    }

    /** One email to this address. */
    void emailTo(String email) {
        take(settings.emailsPerRecipientLimit(), subject(email), "emails to this address");
    }

    private static String subject(String email) {
        return EmailAddresses.normalised(email).orElse(email == null ? "" : email.strip());
    }

    private void take(Limit limit, String subject, String what) {
        Optional<Duration> wait = rates.take(limit, subject.isEmpty() ? "-" : subject);
        if (wait.isPresent()) {
            Map<String, String> retryAfter = Problems.retryAfter(wait.get());
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS, "Too many " + what + "; try again in "
                    + retryAfter.get("Retry-After") + " s"), retryAfter, null);
        }
    }
}

package dev.marquee.gateway.accounts;

import static dev.marquee.gateway.testing.BookingJourney.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.db.SingleStatements;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Customer accounts through the gateway against a sandbox chain and payment provider, the real RabbitMQ and PostgreSQL and
 * an SMTP server (GreenMail): every exchange the contract describes is checked against gateway-api.yaml.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountApiTest implements TestPropertyProvider {
    private static final String PASSWORD = "popcorn-and-ice";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK_TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]+)");
    private static final int SIGN_INS_PER_EMAIL = 5;

    private BookingStack stack;

    @Inject
    EmbeddedServer server;
    @Inject
    CatalogSync sync;
    @Inject
    CatalogHolder catalog;
    @Inject
    ChainRegistry chains;
    @Inject
    CatalogTables tables;
    @Inject
    List<MessageHandler> handlers;
    @Inject
    SingleStatements statements;
    @Inject
    EndedSessionsSweeper sweeper;

    private ApiClient api;
    private BookingJourney journey;
    private List<Show> shows;
    private int nextShow;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        stack = BookingStack.start("aurora", "Aurora Cinemas", 43);
        Map<String, String> properties = new HashMap<>(stack.gatewayProperties());
        properties.put("marquee.accounts.sign-ins-per-email", Integer.toString(SIGN_INS_PER_EMAIL));
        properties.put("marquee.accounts.link-base", "https://tickets.example.org/account");
        return properties;
    }

    @BeforeAll
    void syncTheChain() {
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        api = new ApiClient(server.getURL()).withoutKey();
        journey = new BookingJourney(new ApiClient(server.getURL()), stack.smtp());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(4));
        assertThat(shows).hasSizeGreaterThan(5);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
            stack.deleteQueues(handlers);
        }
    }

    // --- the journey ---

    @Test
    void aCustomerSignsUpVerifiesSignsInBooksAndFindsTheBookingAndTicketsUnderTheAccount() {
        String email = newEmail();
        ApiClient.Answer signUp = signUp(email, PASSWORD);
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(201);
        assertThat(signUp.json().path("emailVerified").asBoolean()).isFalse();
        assertThat(signUp.body()).doesNotContain(PASSWORD).doesNotContain("passwordHash");

        String link = linkIn(awaitEmail(email, "Confirm your email"));
        assertThat(link).startsWith("https://tickets.example.org/account/verify-email?token=");
        assertThat(api.call("POST", "/api/v1/accounts/verification", Map.of(), "{\"token\":\"" + tokenOf(link) + "\"}").status())
                .isEqualTo(204);

        SignedIn in = signIn(email, PASSWORD);
        assertThat(in.status()).isEqualTo(200);
        assertThat(in.json().path("account").path("emailVerified").asBoolean()).isTrue();
        assertThat(in.json().path("tokenType").asText()).isEqualTo("Bearer");

        ApiClient.Answer byCookie = api.call("GET", "/api/v1/me", in.cookieHeaders(), null);
        ApiClient.Answer byToken = api.call("GET", "/api/v1/me", bearer(in.accessToken()), null);
        assertThat(byCookie.json().path("email").asText()).isEqualTo(email);
        assertThat(byToken.json().path("accountId").asText()).isEqualTo(byCookie.json().path("accountId").asText());

        String city = catalog.current().cities().getFirst().id();
        ApiClient.Answer changed = api.call("PATCH", "/api/v1/me", bearer(in.accessToken()),
                "{\"name\":\"Ada Lovelace\",\"phone\":\"+44 161 496 0000\",\"defaultCityId\":\"" + city + "\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("defaultCityId").asText()).isEqualTo(city);

        Show show = nextShow();
        JsonNode hold = holdSignedIn(show, seatsOf(show, 2), email, bearer(in.accessToken()));
        String token = hold.path("token").asText();
        JsonNode booking = journey.checkout(hold.path("holdId").asText(), token).json();
        journey.payOnThePage(booking.path("paymentUrl").asText(), "4242 4242 4242 4242");
        journey.awaitStatus(booking.path("bookingId").asText(), token, "CONFIRMED");

        JsonNode mine = api.call("GET", "/api/v1/me/bookings", in.cookieHeaders(), null).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("bookingId").asText()).isEqualTo(booking.path("bookingId").asText());
        assertThat(mine.get(0).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(mine.get(0).path("tickets")).hasSize(2);

        JsonNode upcoming = api.call("GET", "/api/v1/me/tickets?when=upcoming", bearer(in.accessToken()), null).json();
        assertThat(upcoming).hasSize(2);
        assertThat(upcoming.get(0).path("usable").asBoolean()).isTrue();
        assertThat(upcoming.get(0).path("qrPayload").asText()).isNotEmpty();
        assertThat(api.call("GET", "/api/v1/me/tickets?when=past", bearer(in.accessToken()), null).json()).isEmpty();
    }

    @Test
    void aTicketIsPastAndUnusableOnceItsShowHasEnded() {
        Session session = signedUpAndIn();
        Show show = nextShow();
        JsonNode hold = holdSignedIn(show, seatsOf(show, 1), session.email(), bearer(session.in().accessToken()));
        String token = hold.path("token").asText();
        JsonNode booking = journey.checkout(hold.path("holdId").asText(), token).json();
        journey.payOnThePage(booking.path("paymentUrl").asText(), "4242 4242 4242 4242");
        journey.awaitStatus(booking.path("bookingId").asText(), token, "CONFIRMED");

        // The show ended an hour ago.
        statements.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE bookings SET starts_at = starts_at - INTERVAL '30 days', "
                    + "ends_at = now() - INTERVAL '1 hour' WHERE id = ?")) {
                update.setString(1, booking.path("bookingId").asText());
                return update.executeUpdate();
            }
        });

        Map<String, String> auth = bearer(session.in().accessToken());
        assertThat(api.call("GET", "/api/v1/me/tickets", auth, null).json()).isEmpty();
        JsonNode past = api.call("GET", "/api/v1/me/tickets?when=past", auth, null).json();
        assertThat(past).hasSize(1);
        assertThat(past.get(0).path("usable").asBoolean()).isFalse();
        assertThat(past.get(0).has("qrPayload")).isFalse();
    }

    @Test
    void aGuestsBookingBelongsToNoAccount() {
        Session session = signedUpAndIn();
        Show show = nextShow();
        JsonNode hold = journey.hold(show.id(), seatsOf(show, 1), session.email());
        journey.checkout(hold.path("holdId").asText(), hold.path("token").asText());

        assertThat(api.call("GET", "/api/v1/me/bookings", bearer(session.in().accessToken()), null).json()).isEmpty();
    }

    // --- signing up ---

    @Test
    void aSignUpWithABadEmailAndAShortPasswordIsRefusedNamingBoth() {
        ApiClient.Answer answer = api.call("POST", "/api/v1/accounts", Map.of(), body("email", "not-an-email", "password", "short"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactlyInAnyOrder("email", "password");
        assertThat(answer.invalidParamReason("password")).contains("at least 10 characters");
    }

    @Test
    void aSecondSignUpWithTheSameEmailIsAConflictThatSaysNothingMore() {
        String email = newEmail();
        signUp(email, PASSWORD);

        ApiClient.Answer again = signUp(email.toUpperCase(), "another-password");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).endsWith("/email-taken");
        assertThat(again.body()).doesNotContain("accountId");
    }

    @Test
    void aLostVerificationLinkIsSentAgainAndEitherLinkVerifies() {
        Session session = signedUpAndIn();
        MimeMessage first = awaitEmail(session.email(), "Confirm your email");

        assertThat(api.call("POST", "/api/v1/me/verification", bearer(session.in().accessToken()), null).status()).isEqualTo(202);
        List<MimeMessage> both = journey.awaitEmails(session.email(), 2);

        assertThat(tokenOf(linkIn(both.get(1)))).isNotEqualTo(tokenOf(linkIn(first)));
        assertThat(api.call("POST", "/api/v1/accounts/verification", Map.of(), body("token", tokenOf(linkIn(both.get(1))))).status())
                .isEqualTo(204);
        assertThat(api.call("GET", "/api/v1/me", bearer(session.in().accessToken()), null).json().path("emailVerified").asBoolean())
                .isTrue();
    }

    // --- signing in and out ---

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameRefusal() {
        String email = newEmail();
        signUp(email, PASSWORD);

        SignedIn wrong = signIn(email, "not-the-password");
        SignedIn unknown = signIn(newEmail(), PASSWORD);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().path("type").asText()).endsWith("/sign-in-failed");
        assertThat(wrong.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        assertThat(wrong.setCookies()).isEmpty();
    }

    @Test
    void signInAttemptsForOneEmailAreLimited() {
        String email = newEmail();
        signUp(email, PASSWORD);
        for (int i = 0; i < SIGN_INS_PER_EMAIL; i++) {
            assertThat(signIn(email, "not-the-password-" + i).status()).isEqualTo(401);
        }

        SignedIn limited = signIn(email, PASSWORD);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).isNotNull();
        assertThat(Integer.parseInt(limited.retryAfter())).isPositive();
        assertThat(limited.setCookies()).isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndTheCookiesAreSecureOverTls() {
        Session session = signedUpAndIn();
        HttpCookie cookie = session.in().cookie(SessionCookies.SESSION);
        HttpCookie csrf = session.in().cookie(SessionCookies.CSRF);

        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(csrf.isHttpOnly()).isFalse();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getSecure()).isFalse();
        assertThat(session.in().rawSetCookies()).anyMatch(header -> header.startsWith(SessionCookies.SESSION + "=")
                && header.contains("SameSite=Lax"));

        SignedIn overTls = signIn(session.email(), PASSWORD, Map.of("X-Forwarded-Proto", "https"));
        assertThat(overTls.cookie(SessionCookies.SESSION).getSecure()).isTrue();
        assertThat(overTls.cookie(SessionCookies.CSRF).getSecure()).isTrue();
    }

    @Test
    void signingOutEndsTheCookieAndTheAccessTokenOfTheSession() {
        Session session = signedUpAndIn();
        Map<String, String> cookie = session.in().cookieHeaders();

        ApiClient.Answer out = api.call("DELETE", "/api/v1/sessions/current", cookie, null);

        assertThat(out.status()).isEqualTo(204);
        assertThat(api.call("GET", "/api/v1/me", cookie, null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/me", bearer(session.in().accessToken()), null).status()).isEqualTo(401);
    }

    @Test
    void endedSessionsAreSweptAndLiveOnesKept() {
        Session ended = signedUpAndIn();
        Session live = signedUpAndIn();
        api.call("DELETE", "/api/v1/sessions/current", bearer(ended.in().accessToken()), null);

        sweeper.removeEnded(java.time.Instant.now());

        assertThat(sessionsOf(ended.email())).isZero();
        assertThat(sessionsOf(live.email())).isOne();
        assertThat(api.call("GET", "/api/v1/me", bearer(live.in().accessToken()), null).status()).isEqualTo(200);
    }

    @Test
    void aHoldOrTheAccountsPagesWithAnEndedSessionAreRefused() {
        Session session = signedUpAndIn();
        api.call("DELETE", "/api/v1/sessions/current", bearer(session.in().accessToken()), null);
        Show show = nextShow();

        ApiClient.Answer hold = new ApiClient(server.getURL()).call("POST", "/api/v1/holds", withIdempotencyKey(
                bearer(session.in().accessToken())), HoldRequests.body(show.id(), seatsOf(show, 1), session.email()));

        assertThat(hold.status()).isEqualTo(401);
        assertThat(api.call("GET", "/api/v1/me/bookings", Map.of("Authorization", "Bearer not-a-token"), null).status())
                .isEqualTo(401);
    }

    // --- CSRF ---

    @Test
    void aWriteByCookieWithoutTheCsrfTokenIsForbiddenAndChangesNothing() {
        Session session = signedUpAndIn();
        Map<String, String> cookieOnly = Map.of("Cookie", session.in().cookieHeaders().get("Cookie"));

        ApiClient.Answer missing = api.call("PATCH", "/api/v1/me", cookieOnly, "{\"name\":\"Mallory\"}");
        Map<String, String> wrongToken = new HashMap<>(cookieOnly);
        wrongToken.put(SessionCookies.CSRF_HEADER, "not-the-cookie");
        ApiClient.Answer wrong = api.call("PATCH", "/api/v1/me", wrongToken, "{\"name\":\"Mallory\"}");

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.invalidParamNames()).containsExactly(SessionCookies.CSRF_HEADER);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/me", cookieOnly, null).json().path("name").asText()).isEqualTo("Ada");
        assertThat(api.call("PATCH", "/api/v1/me", session.in().cookieHeaders(), "{\"name\":\"Ada L.\"}").status()).isEqualTo(200);
    }

    @Test
    void aWriteByCookieFromAnotherSiteIsForbiddenEvenWithTheToken() {
        Session session = signedUpAndIn();
        Map<String, String> crossSite = new HashMap<>(session.in().cookieHeaders());
        crossSite.put("Sec-Fetch-Site", "cross-site");

        ApiClient.Answer answer = api.call("PATCH", "/api/v1/me", crossSite, "{\"name\":\"Mallory\"}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/me", bearer(session.in().accessToken()), null).json().path("name").asText())
                .isEqualTo("Ada");
    }

    @Test
    void aHoldPlacedByTheSignedInPagesBelongsToTheAccount() {
        Session session = signedUpAndIn();
        Show show = nextShow();

        // The web app's pages: the session cookie and the CSRF token, no API key (which the contract's security does not
        // describe, so only the answer is checked) and no access token.
        ApiClient.Answer hold = api.probe("POST", "/api/v1/holds", withIdempotencyKey(session.in().cookieHeaders()),
                "application/json", HoldRequests.body(show.id(), seatsOf(show, 1), session.email()).getBytes(StandardCharsets.UTF_8));
        api.judge("POST", "/api/v1/holds", hold);
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        journey.checkout(hold.json().path("holdId").asText(), hold.json().path("token").asText());

        JsonNode mine = api.call("GET", "/api/v1/me/bookings", session.in().cookieHeaders(), null).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("show").path("showId").asText()).isEqualTo(show.id());
    }

    @Test
    void aWriteByAccessTokenNeedsNoCsrfToken() {
        Session session = signedUpAndIn();

        assertThat(api.call("PATCH", "/api/v1/me", bearer(session.in().accessToken()), "{\"name\":\"Ada L.\"}").status())
                .isEqualTo(200);
    }

    // --- the profile ---

    @Test
    void anUnknownDefaultCityIsRefusedNamingIt() {
        Session session = signedUpAndIn();

        ApiClient.Answer answer = api.call("PATCH", "/api/v1/me", bearer(session.in().accessToken()),
                "{\"defaultCityId\":\"atlantis\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.invalidParamNames()).containsExactly("defaultCityId");
    }

    // --- password reset ---

    @Test
    void passwordsAndTokensNeverReachTheLogs() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(ch.qos.logback.classic.Level.DEBUG); // what an operator debugging sign-ins would see
        try {
            String email = newEmail();
            String password = "secret-" + UUID.randomUUID();
            assertThat(signUp(email, password).status()).isEqualTo(201);
            assertThat(signIn(email, "wrong-" + password).status()).isEqualTo(401);
            SignedIn in = signIn(email, password);
            assertThat(api.call("GET", "/api/v1/me", Map.of("Authorization", "Bearer " + in.accessToken()), null).status())
                    .isEqualTo(200);
            assertThat(api.call("POST", "/api/v1/accounts/password-reset", Map.of(), body("email", email)).status()).isEqualTo(202);
            String resetToken = tokenOf(linkIn(awaitEmail(email, "Reset your Marquee password")));
            String newPassword = "another-secret-" + UUID.randomUUID();
            assertThat(newPassword(resetToken, newPassword)
                    .status()).isEqualTo(204);

            String logged = logs.list.stream().map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(event.getThrowableProxy())))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(logs.list).as("the logs were read").isNotEmpty();
            assertThat(logged).doesNotContain(password, newPassword, in.accessToken(),
                    in.cookie(SessionCookies.SESSION).getValue(), resetToken);
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
    }

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsTheOldSessions() {
        Session session = signedUpAndIn();
        assertThat(api.call("POST", "/api/v1/accounts/password-reset", Map.of(), body("email", session.email())).status())
                .isEqualTo(202);
        String token = tokenOf(linkIn(awaitEmail(session.email(), "Reset your Marquee password")));

        ApiClient.Answer weak = newPassword(token, "short");
        ApiClient.Answer reset = newPassword(token, "a-new-password");
        ApiClient.Answer again = newPassword(token, "a-third-password");

        assertThat(weak.invalidParamNames()).containsExactly("password");
        assertThat(reset.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(signIn(session.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(signIn(session.email(), "a-new-password").status()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/me", session.in().cookieHeaders(), null).status()).isEqualTo(401);
    }

    @Test
    void aResetLinkFollowedByManyAtOnceSetsOnePassword() throws Exception {
        Session session = signedUpAndIn();
        api.call("POST", "/api/v1/accounts/password-reset", Map.of(), body("email", session.email()));
        String token = tokenOf(linkIn(awaitEmail(session.email(), "Reset your Marquee password")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String password = "racing-password-" + i;
                answers.add(pool.submit(() -> newPassword(token, password).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }

            assertThat(statuses).containsOnly(204, 404).filteredOn(status -> status == 204).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResetForAnUnknownEmailIsAcceptedTheSameAndSendsNothing() {
        String email = newEmail();

        ApiClient.Answer answer = api.call("POST", "/api/v1/accounts/password-reset", Map.of(), body("email", email));

        assertThat(answer.status()).isEqualTo(202);
        // A reset email goes out while its request waits, so it would be here by now.
        assertThat(journey.emailsTo(email)).isEmpty();
    }

    // --- claiming a guest booking ---

    @Test
    void aGuestBookingIsClaimedThroughALinkSentToItsEmail() throws Exception {
        Session session = signedUpAndIn();
        String guestEmail = newEmail();
        Show show = nextShow();
        JsonNode hold = journey.hold(show.id(), seatsOf(show, 1), guestEmail);
        String bookingId = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText()).json()
                .path("bookingId").asText();
        Map<String, String> auth = bearer(session.in().accessToken());

        assertThat(api.call("POST", "/api/v1/me/claims", auth, body("bookingId", bookingId)).status()).isEqualTo(202);
        assertThat(api.call("POST", "/api/v1/me/claims", auth, body("bookingId", "bkg_no_such_booking")).status()).isEqualTo(202);
        MimeMessage claim = awaitEmail(guestEmail, "Add booking " + bookingId);
        String token = tokenOf(linkIn(claim));

        Session other = signedUpAndIn();
        assertThat(api.call("POST", "/api/v1/me/claims/confirmation", bearer(other.in().accessToken()), body("token", token))
                .status()).isEqualTo(404);
        ApiClient.Answer claimed = api.call("POST", "/api/v1/me/claims/confirmation", auth, body("token", token));

        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.json().path("bookingId").asText()).isEqualTo(bookingId);
        assertThat(api.call("GET", "/api/v1/me/bookings", auth, null).json().get(0).path("bookingId").asText()).isEqualTo(bookingId);
        assertThat(api.call("POST", "/api/v1/me/claims/confirmation", auth, body("token", token)).status()).isEqualTo(404);
    }

    // --- the saved card ---

    @Test
    void aSavedCardIsTheProvidersTokenShownByTheBrandAndLastFourTheProviderGives() {
        Session session = signedUpAndIn();
        Map<String, String> auth = bearer(session.in().accessToken());

        ApiClient.Answer saved = api.call("PUT", "/api/v1/me/payment-method", auth, body("providerToken", "pm_card_mastercard"));

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("brand").asText()).isEqualTo("mastercard");
        assertThat(saved.json().path("last4").asText()).isEqualTo("4444");
        assertThat(api.call("GET", "/api/v1/me/payment-method", auth, null).json().path("last4").asText()).isEqualTo("4444");
        assertThat(api.call("GET", "/api/v1/me", auth, null).body()).contains("\"paymentMethod\"").doesNotContain("pm_card_mastercard");
        assertThat(api.call("DELETE", "/api/v1/me/payment-method", auth, null).status()).isEqualTo(204);
        assertThat(api.call("GET", "/api/v1/me/payment-method", auth, null).status()).isEqualTo(404);
    }

    @Test
    void aCardNumberOrATokenTheProviderDoesNotKnowIsRefusedNamingTheToken() {
        Session session = signedUpAndIn();
        Map<String, String> auth = bearer(session.in().accessToken());

        ApiClient.Answer cardNumber = api.call("PUT", "/api/v1/me/payment-method", auth, body("providerToken", "4242424242424242"));
        ApiClient.Answer unknown = api.call("PUT", "/api/v1/me/payment-method", auth, body("providerToken", "pm_card_nosuchcard"));

        assertThat(cardNumber.status()).isEqualTo(400);
        assertThat(cardNumber.invalidParamNames()).containsExactly("providerToken");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.invalidParamReason("providerToken")).contains("knows no such saved card");
        assertThat(api.call("GET", "/api/v1/me/payment-method", auth, null).status()).isEqualTo(404);
    }

    // --- deleting the account ---

    @Test
    void deletingTheAccountForgetsThePersonAndKeepsTheBookingsWithoutAnAccount() {
        Session session = signedUpAndIn();
        Map<String, String> auth = bearer(session.in().accessToken());
        Show show = nextShow();
        JsonNode hold = holdSignedIn(show, seatsOf(show, 1), session.email(), auth);
        String bookingId = journey.checkout(hold.path("holdId").asText(), hold.path("token").asText()).json()
                .path("bookingId").asText();
        assertThat(api.call("PUT", "/api/v1/me/payment-method", auth, body("providerToken", "pm_card_visa")).status()).isEqualTo(200);
        String accountId = api.call("GET", "/api/v1/me", auth, null).json().path("accountId").asText();
        assertThat(accountOfBooking(bookingId)).isEqualTo(accountId);

        ApiClient.Answer wrong = api.call("DELETE", "/api/v1/me", auth, body("password", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/me", auth, null).status()).isEqualTo(200);

        assertThat(api.call("DELETE", "/api/v1/me", auth, body("password", PASSWORD)).status()).isEqualTo(204);

        assertThat(api.call("GET", "/api/v1/me", auth, null).status()).isEqualTo(401);
        assertThat(signIn(session.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(accountOfBooking(bookingId)).isNull();
        assertThat(personalDataOf(accountId)).containsOnlyNulls();
        assertThat(signUp(session.email(), PASSWORD).status()).as("the email is free again").isEqualTo(201);
    }

    // --- helpers ---

    private record Session(String email, SignedIn in) {
    }

    /** A sign-in's answer, with the cookies it set. */
    private record SignedIn(int status, String body, String retryAfter, List<String> rawSetCookies) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }

        String accessToken() {
            return json().path("accessToken").asText();
        }

        List<HttpCookie> setCookies() {
            List<HttpCookie> cookies = new ArrayList<>();
            rawSetCookies.forEach(header -> cookies.addAll(HttpCookie.parse(header)));
            return cookies;
        }

        HttpCookie cookie(String name) {
            return setCookies().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
        }

        /** What a browser sends back on a write: both cookies, and the CSRF cookie's value as its header. */
        Map<String, String> cookieHeaders() {
            String csrf = cookie(SessionCookies.CSRF).getValue();
            return Map.of("Cookie", SessionCookies.SESSION + "=" + cookie(SessionCookies.SESSION).getValue() + "; "
                    + SessionCookies.CSRF + "=" + csrf, SessionCookies.CSRF_HEADER, csrf);
        }
    }

    private Session signedUpAndIn() {
        String email = newEmail();
        assertThat(signUp(email, PASSWORD).status()).isEqualTo(201);
        SignedIn in = signIn(email, PASSWORD);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        return new Session(email, in);
    }

    /** Sets a new password with a reset link's token. */
    private ApiClient.Answer newPassword(String token, String password) {
        return api.call("POST", "/api/v1/accounts/password-reset/confirmation", Map.of(), body("token", token, "password", password));
    }

    private ApiClient.Answer signUp(String email, String password) {
        return api.call("POST", "/api/v1/accounts", Map.of(), body("email", email, "password", password, "name", "Ada"));
    }

    private SignedIn signIn(String email, String password) {
        return signIn(email, password, Map.of());
    }

    /** Signs in as a browser would, keeping the Set-Cookie headers, which the contract client does not show. */
    private SignedIn signIn(String email, String password, Map<String, String> headers) {
        String body = body("email", email, "password", password);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // The same request through the contract client would sign in again: check the answer's shape instead.
            api.judge("POST", "/api/v1/sessions", new ApiClient.Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), null, response.body()));
            return new SignedIn(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().allValues("Set-Cookie"));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode holdSignedIn(Show show, List<String> seats, String email, Map<String, String> auth) {
        ApiClient.Answer answer = new ApiClient(server.getURL()).call("POST", "/api/v1/holds", withIdempotencyKey(auth),
                HoldRequests.body(show.id(), seats, email));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private static Map<String, String> withIdempotencyKey(Map<String, String> headers) {
        Map<String, String> sent = new HashMap<>(headers);
        sent.put("Idempotency-Key", UUID.randomUUID().toString());
        return sent;
    }

    private MimeMessage awaitEmail(String to, String subjectStart) {
        return journey.awaitEmails(to, 1).stream().filter(m -> {
            try {
                return m.getSubject().startsWith(subjectStart);
            } catch (Exception e) {
                return false;
            }
        }).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no email '" + subjectStart + "' to " + to));
    }

    private static String linkIn(MimeMessage email) {
        try {
            String text = ((String) email.getContent()).replace("\r", "");
            return text.lines().filter(line -> line.startsWith("http")).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String tokenOf(String link) {
        Matcher matcher = LINK_TOKEN.matcher(link);
        assertThat(matcher.find()).as(link).isTrue();
        return matcher.group(1);
    }

    private String accountOfBooking(String bookingId) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT account_id FROM bookings WHERE id = ?")) {
                select.setString(1, bookingId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private int sessionsOf(String email) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM account_sessions s "
                    + "JOIN accounts a ON a.id = s.account_id WHERE a.email = ?")) {
                select.setString(1, email);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private List<String> personalDataOf(String accountId) {
        return statements.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT email, password_hash, name, phone, payment_token, card_last4 "
                    + "FROM accounts WHERE id = ?")) {
                select.setString(1, accountId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= 6; i++) {
                        values.add(rs.getString(i));
                    }
                    return values;
                }
            }
        });
    }

    private static String body(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String newEmail() {
        return "ada." + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    private Show nextShow() {
        return shows.get(nextShow++);
    }

    private List<String> seatsOf(Show show, int count) {
        return catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref).limit(count).toList();
    }
}

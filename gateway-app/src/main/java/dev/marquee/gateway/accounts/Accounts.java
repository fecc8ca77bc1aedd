package dev.marquee.gateway.accounts;

import dev.marquee.booking.tokens.Tokens;
import io.micronaut.context.annotation.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of customer accounts: signing up and verifying the email, signing in and out, the profile, password
 * reset, claiming a guest booking, a saved card and deleting the account. Plain Java behind its ports; the HTTP edge
 * adds rate limits, cookies and access tokens.
 *
 * <p>Made at start-up ({@code @Context}): its decoy hash is a bcrypt, and the customer filter in front of every
 * hold would otherwise make it on an event loop, stalling that loop's connections for the first hold.
 */
@Context
public class Accounts {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_NAME = 200;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{3,28}[0-9]");

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final LinkStore links;
    private final Passwords passwords;
    private final AccountMail mail;
    private final Cities cities;
    private final CardTokens cards;
    private final AccountSettings settings;
    private final Clock clock;
    /** Compared against when the email is unknown, so that a refusal takes as long either way. */
    private final String decoyHash;

    public Accounts(AccountStore accounts, SessionStore sessions, LinkStore links, Passwords passwords, AccountMail mail,
            Cities cities, CardTokens cards, AccountSettings settings, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.links = links;
        this.passwords = passwords;
        this.mail = mail;
        this.cities = cities;
        this.cards = cards;
        this.settings = settings;
        this.clock = clock;
        this.decoyHash = passwords.hash(newToken());
    }

    // --- signing up ---

    /** What became of a sign-up. */
    public sealed interface SignUp {
        record Created(Account account) implements SignUp {
        }

        record Invalid(List<Fault> faults) implements SignUp {
        }

        /** The email has an account already; nothing else is said about it. */
        record EmailTaken() implements SignUp {
        }
    }

    /** Opens an account and sends the link that verifies its email. */
    public SignUp signUp(String email, String password, String name) {
        List<Fault> faults = new ArrayList<>();
        Optional<String> address = EmailAddresses.normalised(email);
        if (address.isEmpty()) {
            faults.add(new Fault("email", email == null ? "is required" : "must be an email address"));
        }
        PasswordPolicy.refusal(password, email).ifPresent(reason -> faults.add(new Fault("password", reason)));
        String cleanName = blankToNull(name);
        nameFault(cleanName).ifPresent(faults::add);
        if (!faults.isEmpty()) {
            return new SignUp.Invalid(faults);
        }
        Account account = new Account(UUID.randomUUID().toString(), address.get(), passwords.hash(password), cleanName, null,
                null, null, null, clock.instant());
        if (!accounts.insert(account)) {
            return new SignUp.EmailTaken();
        }
        sendVerification(account);
        return new SignUp.Created(account);
    }

    private void sendVerification(Account account) {
        String token = issue(Link.Purpose.VERIFY_EMAIL, account.id(), account.email(), settings.verificationTtl());
        mail.verification(account.email(), token);
    }

    /** Sends another verification link, unless the email is verified already (a lost or expired link). */
    public void resendVerification(String accountId) {
        accounts.find(accountId).filter(a -> !a.verified()).ifPresent(this::sendVerification);
    }

    /** Follows a verification link: the account's email is verified if it is still the one the link was sent to. */
    public boolean verify(String token) {
        Optional<Link> link = use(Link.Purpose.VERIFY_EMAIL, token);
        if (link.isEmpty()) {
            return false;
        }
        Optional<Account> account = accounts.find(link.get().accountId()).filter(a -> a.email().equals(link.get().subject()));
        account.filter(a -> !a.verified()).ifPresent(a -> accounts.update(withVerified(a, clock.instant())));
        return account.isPresent();
    }

    // --- signing in ---

    /** What became of a sign-in. */
    public sealed interface SignIn {
        /** Signed in; {@code cookie} is the session cookie's value, given out once and kept only as its hash. */
        record SignedIn(Account account, Session session, String cookie) implements SignIn {
        }

        /** Unknown email or wrong password: the same answer for both. */
        record Refused() implements SignIn {
        }
    }

    public SignIn signIn(String email, String password) {
        Optional<Account> account = EmailAddresses.normalised(email).flatMap(accounts::findByEmail);
        String hash = account.map(Account::passwordHash).orElse(decoyHash);
        boolean matches = password != null && passwords.matches(password, hash);
        if (account.isEmpty() || !matches) {
            return new SignIn.Refused();
        }
        Instant now = clock.instant();
        String cookie = newToken();
        Session session = new Session(UUID.randomUUID().toString(), account.get().id(), Tokens.hash(cookie), now,
                now.plus(settings.sessionTtl()));
        sessions.insert(session);
        return new SignIn.SignedIn(account.get(), session, cookie);
    }

    /** The live session of a cookie value: not revoked, not expired, its account not deleted. */
    public Optional<Session> sessionOfCookie(String cookie) {
        return live(sessions.sessionByCookie(Tokens.hash(cookie)));
    }

    /** The live session of an id (an access token names it). */
    public Optional<Session> session(String sessionId) {
        return live(sessions.session(sessionId));
    }

    private Optional<Session> live(Optional<Session> session) {
        Instant now = clock.instant();
        return session.filter(s -> now.isBefore(s.expiresAt()));
    }

    public void signOut(String sessionId) {
        sessions.revoke(sessionId, clock.instant());
    }

    // --- the profile ---

    public Optional<Account> account(String accountId) {
        return accounts.find(accountId);
    }

    /** What became of a profile change. */
    public sealed interface ProfileChange {
        record Changed(Account account) implements ProfileChange {
        }

        record Invalid(List<Fault> faults) implements ProfileChange {
        }

        record EmailTaken() implements ProfileChange {
        }

        record NoAccount() implements ProfileChange {
        }
    }

    /** Changes what the profile names; a new email is unverified until its link is followed. */
    public ProfileChange changeProfile(String accountId, Profile change) {
        Optional<Account> found = accounts.find(accountId);
        if (found.isEmpty()) {
            return new ProfileChange.NoAccount();
        }
        Account account = found.get();
        List<Fault> faults = new ArrayList<>();
        String email = account.email();
        if (change.email() != null) {
            Optional<String> address = EmailAddresses.normalised(change.email());
            if (address.isEmpty()) {
                faults.add(new Fault("email", "must be an email address"));
            } else {
                email = address.get();
            }
        }
        String name = change.name() == null ? account.name() : blankToNull(change.name());
        nameFault(name).ifPresent(faults::add);
        String phone = change.phone() == null ? account.phone() : blankToNull(change.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            faults.add(new Fault("phone", "must be a phone number: digits, spaces, ()./- and an optional leading +"));
        }
        String city = change.defaultCityId() == null ? account.defaultCityId() : blankToNull(change.defaultCityId());
        if (change.defaultCityId() != null && city != null && !cities.exists(city)) {
            faults.add(new Fault("defaultCityId", "no such city in the catalogue"));
        }
        if (!faults.isEmpty()) {
            return new ProfileChange.Invalid(faults);
        }
        boolean newEmail = !email.equals(account.email());
        Account changed = new Account(account.id(), email, account.passwordHash(), name, phone, city,
                newEmail ? null : account.emailVerifiedAt(), account.card(), account.createdAt());
        if (!accounts.update(changed)) {
            return new ProfileChange.EmailTaken();
        }
        if (newEmail) {
            sendVerification(changed);
        }
        return new ProfileChange.Changed(changed);
    }

    // --- password reset ---

    /** Sends a reset link if the email has an account; says nothing either way. */
    public void requestPasswordReset(String email) {
        EmailAddresses.normalised(email).flatMap(accounts::findByEmail).ifPresent(account -> {
            String token = issue(Link.Purpose.RESET_PASSWORD, account.id(), account.email(), settings.resetTtl());
            mail.passwordReset(account.email(), token);
        });
    }

    /** What became of a password reset. */
    public sealed interface Reset {
        /** The new password is set, and every session of the account signed out. */
        record Done() implements Reset {
        }

        record Invalid(Fault fault) implements Reset {
        }

        /** No such link, or it was used or expired. */
        record UnknownLink() implements Reset {
        }
    }

    public Reset resetPassword(String token, String password) {
        // The password is checked before the link is used, so a refused one leaves the link to try again.
        Optional<String> weak = PasswordPolicy.refusal(password, null);
        if (weak.isPresent()) {
            return new Reset.Invalid(new Fault("password", weak.get()));
        }
        Optional<Link> link = find(Link.Purpose.RESET_PASSWORD, token);
        Optional<Account> account = link.flatMap(l -> accounts.find(l.accountId()));
        if (account.isEmpty()) {
            return new Reset.UnknownLink();
        }
        Optional<String> refusal = PasswordPolicy.refusal(password, account.get().email());
        if (refusal.isPresent()) {
            return new Reset.Invalid(new Fault("password", refusal.get()));
        }
        if (!links.markUsed(link.get().tokenHash(), clock.instant())) {
            return new Reset.UnknownLink();
        }
        Account a = account.get();
        // The link reached the inbox, which is what verifying the email proves.
        Instant verified = a.emailVerifiedAt() != null || !a.email().equals(link.get().subject()) ? a.emailVerifiedAt() : clock.instant();
        accounts.update(new Account(a.id(), a.email(), passwords.hash(password), a.name(), a.phone(), a.defaultCityId(),
                verified, a.card(), a.createdAt()));
        sessions.revokeAll(a.id(), clock.instant());
        return new Reset.Done();
    }

    // --- claiming a guest booking ---

    /**
     * Sends a claim link for a booking to the email it was made with. Nothing is said about whether there is such a
     * booking: the link goes only to that email, and only its reader can attach the booking.
     */
    public void requestClaim(String accountId, String bookingId) {
        accounts.bookingOwner(bookingId).filter(owner -> owner.accountId() == null).ifPresent(owner -> {
            String token = issue(Link.Purpose.CLAIM_BOOKING, accountId, owner.bookingId(), settings.claimTtl());
            mail.bookingClaim(owner.email(), owner.bookingId(), token);
        });
    }

    /** What became of a claim. */
    public sealed interface Claim {
        record Claimed(String bookingId) implements Claim {
        }

        /** No such link for this account, or it was used or expired, or the booking belongs to another account. */
        record Refused() implements Claim {
        }
    }

    /**
     * Follows a claim link: the booking joins the account that asked for the link, if that is who follows it. The link
     * went to the booking's email, so following it proves that email is the customer's.
     */
    public Claim claim(String accountId, String token) {
        Optional<Link> link = find(Link.Purpose.CLAIM_BOOKING, token).filter(l -> l.accountId().equals(accountId));
        if (link.isEmpty() || !links.markUsed(link.get().tokenHash(), clock.instant())) {
            return new Claim.Refused();
        }
        return accounts.attachBooking(link.get().subject(), accountId)
                ? new Claim.Claimed(link.get().subject()) : new Claim.Refused();
    }

    // --- the saved card ---

    /** What became of saving a card. */
    public sealed interface CardSaving {
        record Saved(Account.SavedCard card) implements CardSaving {
        }

        record Invalid(Fault fault) implements CardSaving {
        }

        record NoAccount() implements CardSaving {
        }
    }

    /**
     * Saves the card a provider token stands for, as the provider describes it (brand, last four digits).
     *
     * @throws CardTokens.Unavailable when the provider cannot be asked; nothing is saved
     */
    public CardSaving saveCard(String accountId, String providerToken) {
        Optional<Fault> fault = SavedCards.fault(providerToken);
        if (fault.isPresent()) {
            return new CardSaving.Invalid(fault.get());
        }
        Optional<Account> found = accounts.find(accountId);
        if (found.isEmpty()) {
            return new CardSaving.NoAccount();
        }
        Optional<Account.SavedCard> card = cards.card(providerToken);
        if (card.isEmpty()) {
            return new CardSaving.Invalid(new Fault("providerToken", "the payment provider knows no such saved card"));
        }
        Account a = found.get();
        accounts.update(new Account(a.id(), a.email(), a.passwordHash(), a.name(), a.phone(), a.defaultCityId(),
                a.emailVerifiedAt(), card.get(), a.createdAt()));
        return new CardSaving.Saved(card.get());
    }

    /** Forgets the saved card; true when there was one. */
    public boolean removeCard(String accountId) {
        return accounts.find(accountId).filter(a -> a.card() != null).map(a -> accounts.update(new Account(a.id(),
                a.email(), a.passwordHash(), a.name(), a.phone(), a.defaultCityId(), a.emailVerifiedAt(), null, a.createdAt())))
                .orElse(false);
    }

    // --- deleting the account ---

    /** What became of a deletion. */
    public sealed interface Deletion {
        record Deleted() implements Deletion {
        }

        record PasswordIncorrect() implements Deletion {
        }
    }

    /** Deletes the account once its password confirms it: personal data goes, bookings stay without an account. */
    public Deletion delete(String accountId, String password) {
        Optional<Account> account = accounts.find(accountId);
        if (account.isEmpty()) {
            return new Deletion.Deleted();
        }
        if (password == null || !passwords.matches(password, account.get().passwordHash())) {
            return new Deletion.PasswordIncorrect();
        }
        accounts.erase(accountId, clock.instant());
        return new Deletion.Deleted();
    }

    // --- links ---

    private String issue(Link.Purpose purpose, String accountId, String subject, Duration ttl) {
        String token = newToken();
        Instant now = clock.instant();
        links.insert(new Link(Tokens.hash(token), purpose, accountId, subject, now, now.plus(ttl), null));
        return token;
    }

    /** The link of a token, if it is for this purpose and may be followed now. */
    private Optional<Link> find(Link.Purpose purpose, String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return links.link(Tokens.hash(token)).filter(l -> l.purpose() == purpose && l.usableAt(now));
    }

    /** Finds and uses the link at once: once used, nobody follows it again. */
    private Optional<Link> use(Link.Purpose purpose, String token) {
        return find(purpose, token).filter(l -> links.markUsed(l.tokenHash(), clock.instant()));
    }

    private Account withVerified(Account a, Instant now) {
        return new Account(a.id(), a.email(), a.passwordHash(), a.name(), a.phone(), a.defaultCityId(), now, a.card(),
                a.createdAt());
    }

    private static Optional<Fault> nameFault(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.length() > MAX_NAME) {
            return Optional.of(new Fault("name", "must be at most " + MAX_NAME + " characters"));
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(new Fault("name", "must not contain control characters"));
        }
        return Optional.empty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** 256 random bits, URL-safe: for cookies and links. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

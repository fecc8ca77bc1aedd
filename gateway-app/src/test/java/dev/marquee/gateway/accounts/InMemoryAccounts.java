package dev.marquee.gateway.accounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ports of {@link Accounts} in memory, for the rules' unit tests; also records the emails it was asked to send. */
final class InMemoryAccounts implements AccountStore, SessionStore, LinkStore, Passwords, AccountMail, Cities, CardTokens {
    final Map<String, Account> accounts = new HashMap<>();
    final Map<String, Session> sessions = new HashMap<>();
    final Map<String, Instant> revoked = new HashMap<>();
    final Map<String, Link> links = new HashMap<>();
    final Map<String, BookingOwner> bookings = new HashMap<>();
    final List<Sent> sent = new ArrayList<>();

    /** One email asked for: to whom, what kind, the token of its link. */
    record Sent(String to, String kind, String token) {
    }

    Sent lastSent(String kind) {
        return sent.stream().filter(s -> s.kind().equals(kind)).reduce((a, b) -> b).orElseThrow();
    }

    // AccountStore

    @Override
    public boolean insert(Account account) {
        if (findByEmail(account.email()).isPresent()) {
            return false;
        }
        accounts.put(account.id(), account);
        return true;
    }

    @Override
    public Optional<Account> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public Optional<Account> findByEmail(String email) {
        return accounts.values().stream().filter(a -> a.email().equals(email)).findFirst();
    }

    @Override
    public boolean update(Account account) {
        if (accounts.values().stream().anyMatch(a -> a.email().equals(account.email()) && !a.id().equals(account.id()))) {
            return false;
        }
        return accounts.replace(account.id(), account) != null;
    }

    @Override
    public void erase(String accountId, Instant now) {
        accounts.remove(accountId);
        revokeAll(accountId, now);
        bookings.replaceAll((id, owner) -> accountId.equals(owner.accountId()) ? new BookingOwner(id, owner.email(), null) : owner);
    }

    @Override
    public Optional<BookingOwner> bookingOwner(String bookingId) {
        return Optional.ofNullable(bookings.get(bookingId));
    }

    @Override
    public boolean attachBooking(String bookingId, String accountId) {
        BookingOwner owner = bookings.get(bookingId);
        if (owner == null || (owner.accountId() != null && !owner.accountId().equals(accountId))) {
            return false;
        }
        bookings.put(bookingId, new BookingOwner(bookingId, owner.email(), accountId));
        return true;
    }

    // SessionStore

    @Override
    public void insert(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).filter(s -> !revoked.containsKey(s.id()));
    }

    @Override
    public Optional<Session> sessionByCookie(String cookieHash) {
        return sessions.values().stream().filter(s -> s.cookieHash().equals(cookieHash) && !revoked.containsKey(s.id())).findFirst();
    }

    @Override
    public void revoke(String sessionId, Instant now) {
        revoked.putIfAbsent(sessionId, now);
    }

    @Override
    public void revokeAll(String accountId, Instant now) {
        sessions.values().stream().filter(s -> s.accountId().equals(accountId)).forEach(s -> revoke(s.id(), now));
    }

    // LinkStore

    @Override
    public void insert(Link link) {
        links.put(link.tokenHash(), link);
    }

    @Override
    public Optional<Link> link(String tokenHash) {
        return Optional.ofNullable(links.get(tokenHash));
    }

    @Override
    public boolean markUsed(String tokenHash, Instant now) {
        Link link = links.get(tokenHash);
        if (link == null || link.usedAt() != null) {
            return false;
        }
        links.put(tokenHash, new Link(link.tokenHash(), link.purpose(), link.accountId(), link.subject(), link.createdAt(),
                link.expiresAt(), now));
        return true;
    }

    // Passwords: reversible on purpose, the rules do not care how a hash is made

    @Override
    public String hash(String password) {
        return "hashed:" + password;
    }

    @Override
    public boolean matches(String password, String hash) {
        return hash.equals("hashed:" + password);
    }

    // AccountMail

    @Override
    public void verification(String email, String token) {
        sent.add(new Sent(email, "verification", token));
    }

    @Override
    public void passwordReset(String email, String token) {
        sent.add(new Sent(email, "reset", token));
    }

    @Override
    public void bookingClaim(String email, String bookingId, String token) {
        sent.add(new Sent(email, "claim", token));
    }

    // Cities

    @Override
    public boolean exists(String cityId) {
        return cityId.equals("city:berlin");
    }

    // CardTokens: the provider knows one saved card

    @Override
    public Optional<Account.SavedCard> card(String providerToken) {
        return providerToken.equals("pm_card_visa") ? Optional.of(new Account.SavedCard(providerToken, "visa", "4242"))
                : Optional.empty();
    }
}

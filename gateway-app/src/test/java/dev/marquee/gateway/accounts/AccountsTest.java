package dev.marquee.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.web.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules of accounts, on ports in memory and a clock the tests move. */
class AccountsTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String PASSWORD = "popcorn-and-ice";

    private final TestClock clock = new TestClock();
    private final InMemoryAccounts memory = new InMemoryAccounts();
    private final Accounts accounts = new Accounts(memory, memory, memory, memory, memory, memory, memory, AccountSettings.defaults(),
            clock);

    AccountsTest() {
        clock.set(NOW);
    }

    private Account signedUp(String email) {
        return ((Accounts.SignUp.Created) accounts.signUp(email, PASSWORD, "Ada")).account();
    }

    @Test
    void aSignUpKeepsTheEmailInLowerCaseAndSendsAVerificationLink() {
        Account account = signedUp(" Ada@Example.ORG ");

        assertThat(account.email()).isEqualTo("ada@example.org");
        assertThat(account.verified()).isFalse();
        assertThat(account.passwordHash()).isNotEqualTo(PASSWORD);
        assertThat(memory.lastSent("verification").to()).isEqualTo("ada@example.org");
    }

    @Test
    void aSignUpWithABadEmailAndAShortPasswordNamesBothAndKeepsNothing() {
        Accounts.SignUp result = accounts.signUp("not-an-email", "short", null);

        assertThat(result).isInstanceOfSatisfying(Accounts.SignUp.Invalid.class, invalid -> assertThat(invalid.faults())
                .extracting(Fault::field).containsExactly("email", "password"));
        assertThat(memory.accounts).isEmpty();
        assertThat(memory.sent).isEmpty();
    }

    @Test
    void aSecondSignUpWithTheSameEmailIsRefused() {
        signedUp("ada@example.org");

        assertThat(accounts.signUp("ADA@example.org", "another-password", null)).isInstanceOf(Accounts.SignUp.EmailTaken.class);
        assertThat(memory.accounts).hasSize(1);
    }

    @Test
    void theVerificationLinkVerifiesTheEmailOnce() {
        Account account = signedUp("ada@example.org");
        String token = memory.lastSent("verification").token();

        assertThat(accounts.verify(token)).isTrue();
        assertThat(accounts.account(account.id()).orElseThrow().verified()).isTrue();
        assertThat(accounts.verify(token)).isFalse();
    }

    @Test
    void aVerificationLinkExpires() {
        signedUp("ada@example.org");
        String token = memory.lastSent("verification").token();

        clock.advance(AccountSettings.defaults().verificationTtl());

        assertThat(accounts.verify(token)).isFalse();
    }

    @Test
    void signingInWithAWrongPasswordAndWithAnUnknownEmailGiveTheSameAnswer() {
        signedUp("ada@example.org");

        assertThat(accounts.signIn("ada@example.org", "wrong-password")).isEqualTo(new Accounts.SignIn.Refused());
        assertThat(accounts.signIn("nobody@example.org", PASSWORD)).isEqualTo(new Accounts.SignIn.Refused());
        assertThat(memory.sessions).isEmpty();
    }

    @Test
    void aSessionLastsItsTimeToLiveAndEndsWhenSignedOut() {
        signedUp("ada@example.org");
        Accounts.SignIn.SignedIn in = (Accounts.SignIn.SignedIn) accounts.signIn("Ada@example.org", PASSWORD);

        assertThat(accounts.sessionOfCookie(in.cookie())).contains(in.session());
        clock.advance(AccountSettings.defaults().sessionTtl().minusSeconds(1));
        assertThat(accounts.session(in.session().id())).isPresent();
        accounts.signOut(in.session().id());
        assertThat(accounts.sessionOfCookie(in.cookie())).isEmpty();
        assertThat(accounts.session(in.session().id())).isEmpty();
    }

    @Test
    void anExpiredSessionOpensNothing() {
        signedUp("ada@example.org");
        Accounts.SignIn.SignedIn in = (Accounts.SignIn.SignedIn) accounts.signIn("ada@example.org", PASSWORD);

        clock.advance(AccountSettings.defaults().sessionTtl());

        assertThat(accounts.sessionOfCookie(in.cookie())).isEmpty();
    }

    @Test
    void aResetLinkSetsTheNewPasswordOnceAndSignsEverySessionOut() {
        signedUp("ada@example.org");
        Accounts.SignIn.SignedIn before = (Accounts.SignIn.SignedIn) accounts.signIn("ada@example.org", PASSWORD);
        accounts.requestPasswordReset("ada@example.org");
        String token = memory.lastSent("reset").token();

        assertThat(accounts.resetPassword(token, "a-new-password")).isEqualTo(new Accounts.Reset.Done());
        assertThat(accounts.resetPassword(token, "a-third-password")).isEqualTo(new Accounts.Reset.UnknownLink());

        assertThat(accounts.signIn("ada@example.org", "a-new-password")).isInstanceOf(Accounts.SignIn.SignedIn.class);
        assertThat(accounts.signIn("ada@example.org", "a-third-password")).isInstanceOf(Accounts.SignIn.Refused.class);
        assertThat(accounts.sessionOfCookie(before.cookie())).isEmpty();
    }

    @Test
    void aResetLinkWorksForThirtyMinutes() {
        signedUp("ada@example.org");
        accounts.requestPasswordReset("ada@example.org");
        String token = memory.lastSent("reset").token();

        clock.advance(Duration.ofMinutes(30));

        assertThat(accounts.resetPassword(token, "a-new-password")).isEqualTo(new Accounts.Reset.UnknownLink());
        assertThat(accounts.signIn("ada@example.org", PASSWORD)).isInstanceOf(Accounts.SignIn.SignedIn.class);
    }

    @Test
    void aWeakNewPasswordLeavesTheResetLinkUnused() {
        signedUp("ada@example.org");
        accounts.requestPasswordReset("ada@example.org");
        String token = memory.lastSent("reset").token();

        assertThat(accounts.resetPassword(token, "short")).isInstanceOf(Accounts.Reset.Invalid.class);
        assertThat(accounts.resetPassword(token, "long-enough-now")).isEqualTo(new Accounts.Reset.Done());
    }

    @Test
    void aResetForAnUnknownEmailSendsNothing() {
        accounts.requestPasswordReset("nobody@example.org");

        assertThat(memory.sent).isEmpty();
    }

    @Test
    void aClaimLinkGoesToTheBookingsEmailAndAttachesTheBookingToTheAccountThatAskedOnly() {
        Account ada = signedUp("ada@example.org");
        Account bob = signedUp("bob@example.org");
        memory.bookings.put("booking-1", new AccountStore.BookingOwner("booking-1", "ada.old@example.org", null));

        accounts.requestClaim(ada.id(), "booking-1");
        InMemoryAccounts.Sent claim = memory.lastSent("claim");

        assertThat(claim.to()).isEqualTo("ada.old@example.org");
        assertThat(accounts.claim(bob.id(), claim.token())).isEqualTo(new Accounts.Claim.Refused());
        assertThat(accounts.claim(ada.id(), claim.token())).isEqualTo(new Accounts.Claim.Claimed("booking-1"));
        assertThat(memory.bookings.get("booking-1").accountId()).isEqualTo(ada.id());
        assertThat(accounts.claim(ada.id(), claim.token())).isEqualTo(new Accounts.Claim.Refused());
    }

    @Test
    void aBookingOfAnotherAccountCannotBeClaimed() {
        Account ada = signedUp("ada@example.org");
        memory.bookings.put("booking-1", new AccountStore.BookingOwner("booking-1", "ada@example.org", "someone-else"));

        accounts.requestClaim(ada.id(), "booking-1");

        assertThat(memory.sent).extracting(InMemoryAccounts.Sent::kind).doesNotContain("claim");
    }

    @Test
    void aProfileRefusesAnUnknownCityAndKeepsEverythingAsItWas() {
        Account ada = signedUp("ada@example.org");

        Accounts.ProfileChange change = accounts.changeProfile(ada.id(), new Profile("Ada L.", null, "+49 30 1234567", "city:atlantis"));

        assertThat(change).isInstanceOfSatisfying(Accounts.ProfileChange.Invalid.class,
                invalid -> assertThat(invalid.faults()).extracting(Fault::field).containsExactly("defaultCityId"));
        assertThat(accounts.account(ada.id()).orElseThrow().name()).isEqualTo("Ada");
    }

    @Test
    void aNewEmailIsUnverifiedUntilItsLinkIsFollowed() {
        Account ada = signedUp("ada@example.org");
        accounts.verify(memory.lastSent("verification").token());

        Account changed = ((Accounts.ProfileChange.Changed) accounts.changeProfile(ada.id(),
                new Profile(null, "ada.new@example.org", null, "city:berlin"))).account();

        assertThat(changed.verified()).isFalse();
        assertThat(changed.defaultCityId()).isEqualTo("city:berlin");
        assertThat(memory.lastSent("verification").to()).isEqualTo("ada.new@example.org");
    }

    @Test
    void deletingNeedsThePasswordAndThenForgetsTheAccountAndItsSessions() {
        Account ada = signedUp("ada@example.org");
        Accounts.SignIn.SignedIn in = (Accounts.SignIn.SignedIn) accounts.signIn("ada@example.org", PASSWORD);
        memory.bookings.put("booking-1", new AccountStore.BookingOwner("booking-1", "ada@example.org", ada.id()));

        assertThat(accounts.delete(ada.id(), "wrong-password")).isEqualTo(new Accounts.Deletion.PasswordIncorrect());
        assertThat(accounts.account(ada.id())).isPresent();

        assertThat(accounts.delete(ada.id(), PASSWORD)).isEqualTo(new Accounts.Deletion.Deleted());
        assertThat(accounts.account(ada.id())).isEmpty();
        assertThat(accounts.sessionOfCookie(in.cookie())).isEmpty();
        assertThat(memory.bookings.get("booking-1").accountId()).isNull();
    }

    @Test
    void aSavedCardIsWhatTheProviderSaysItsTokenStandsFor() {
        Account ada = signedUp("ada@example.org");

        assertThat(accounts.saveCard(ada.id(), "pm_card_visa")).isEqualTo(new Accounts.CardSaving.Saved(
                new Account.SavedCard("pm_card_visa", "visa", "4242")));
        assertThat(accounts.account(ada.id()).orElseThrow().card().last4()).isEqualTo("4242");
    }

    @Test
    void aCardNumberIsNeverTakenForAToken() {
        Account ada = signedUp("ada@example.org");

        assertThat(accounts.saveCard(ada.id(), "4242 4242 4242 4242")).isInstanceOf(Accounts.CardSaving.Invalid.class);
        assertThat(accounts.saveCard(ada.id(), "tok4242424242424242")).isInstanceOf(Accounts.CardSaving.Invalid.class);
        assertThat(accounts.saveCard(ada.id(), "pm_card_unknown")).isInstanceOf(Accounts.CardSaving.Invalid.class);
        assertThat(accounts.account(ada.id()).orElseThrow().card()).isNull();
    }
}

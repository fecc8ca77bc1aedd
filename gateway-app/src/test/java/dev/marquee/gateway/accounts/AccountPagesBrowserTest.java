package dev.marquee.gateway.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.testing.BookingJourney;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.Browser;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.web.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web app's account pages in Chromium against the accounts API: signing up, the emailed link that confirms the
 * email, the profile, signing out and in again. The pages write by session cookie with the page's CSRF token, as a
 * browser does. Each test leaves a screenshot under target/screenshots.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountPagesBrowserTest implements TestPropertyProvider {
    private static final String PASSWORD = "popcorn-and-ice";

    private BookingStack stack;
    private Browser browser;
    private String site;
    private BookingJourney journey;

    @Inject
    CatalogSync sync;
    @Inject
    ChainRegistry chains;
    @Inject
    CatalogTables tables;
    @Inject
    CatalogHolder catalog;
    @Inject
    List<MessageHandler> handlers;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        stack = BookingStack.start("aurora", "Aurora Cinemas", 47);
        site = "http://localhost:" + stack.gatewayPort();
        Map<String, String> properties = new HashMap<>(stack.gatewayProperties());
        properties.put("marquee.accounts.link-base", site + "/account");
        return properties;
    }

    @BeforeAll
    void syncTheChainAndStartTheBrowser() {
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        journey = new BookingJourney(new ApiClient(server.getURL()), stack.smtp());
        browser = Browser.start(1280, 1000);
    }

    @BeforeEach
    void freshVisitor() {
        browser.freshVisitor(site);
    }

    @AfterEach
    void screenshot(TestInfo test) {
        browser.screenshot(test.getTestMethod().orElseThrow().getName());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
            stack.deleteQueues(handlers);
        }
    }

    @Test
    void aMoviegoerSignsUpConfirmsTheEmailAndKeepsAProfile() throws Exception {
        String email = newEmail();
        browser.open(site + "/account/sign-up");
        fill("#sign-up", Map.of("name", "Ada", "email", email, "password", PASSWORD));
        browser.await("the account page", d -> d.getCurrentUrl().endsWith("/account?welcome=1"));
        assertThat(browser.await(By.cssSelector("main .notice.ok")).getText()).contains("We sent a link to " + email);

        browser.open(linkIn(journey.awaitEmails(email, 1).getFirst()));
        assertThat(browser.await(By.cssSelector("#out .notice")).getText()).contains("Your email is confirmed");

        browser.open(site + "/account");
        WebElement phone = browser.await(By.cssSelector("#profile input[name=phone]"));
        phone.sendKeys("+44 161 496 0000");
        browser.driver().findElement(By.cssSelector("#profile button[type=submit]")).click();
        assertThat(browser.await(By.cssSelector("#profile .form-message .notice")).getText()).isEqualTo("Saved.");
        browser.open(site + "/account");
        assertThat(browser.await(By.cssSelector("#profile input[name=phone]")).getAttribute("value")).isEqualTo("+44 161 496 0000");
        assertThat(browser.driver().findElements(By.cssSelector("main .notice"))).as("no 'not confirmed' notice").isEmpty();
    }

    @Test
    void aMoviegoerSignsOutAndBackIn() {
        String email = newEmail();
        browser.open(site + "/account/sign-up");
        fill("#sign-up", Map.of("email", email, "password", PASSWORD));
        browser.await("the account page", d -> d.getCurrentUrl().contains("/account?welcome=1"));

        browser.await(By.id("sign-out")).click();
        browser.await("the sign-in page", d -> d.getCurrentUrl().endsWith("/account/sign-in"));
        browser.open(site + "/account");
        browser.await("sent back to sign in", d -> d.getCurrentUrl().endsWith("/account/sign-in"));

        fill("#sign-in", Map.of("email", email, "password", "not-the-password"));
        assertThat(browser.await(By.cssSelector("#sign-in .notice.error")).getText()).contains("Email or password not accepted");
        browser.driver().findElement(By.cssSelector("#sign-in input[name=password]")).clear();
        fill("#sign-in", Map.of("password", PASSWORD));
        browser.await("the account page", d -> d.getCurrentUrl().endsWith("/account"));
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Your account");
    }

    private void fill(String form, Map<String, String> fields) {
        fields.forEach((name, value) -> {
            WebElement input = browser.await(By.cssSelector(form + " input[name=" + name + "]"));
            input.clear();
            input.sendKeys(value);
        });
        browser.driver().findElement(By.cssSelector(form + " button[type=submit]")).click();
    }

    private static String linkIn(MimeMessage email) throws Exception {
        return ((String) email.getContent()).replace("\r", "").lines().filter(line -> line.startsWith("http")).findFirst()
                .orElseThrow();
    }

    private static String newEmail() {
        return "ada." + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }
}

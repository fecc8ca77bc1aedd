package dev.marquee.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.messaging.MessageHandler;
import dev.marquee.gateway.testing.BookingStack;
import dev.marquee.gateway.testing.Browser;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.gateway.web.ApiClient;
import dev.marquee.spi.Seat;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.UUID;
import org.openqa.selenium.support.ui.Select;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web app in Chromium, as a moviegoer uses it: from a city to a show, two seats picked and held with the countdown
 * running, paid on the provider's page, and the tickets with their QR codes on the booking page; a seat sold at the
 * box office between drawing the map and clicking; a booking made with the keyboard alone; a phone's 360 px screen.
 * Each test leaves a screenshot under target/screenshots.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppBrowserTest implements TestPropertyProvider {
    /** "Row F, seat 12, premium, £12.50, available" */
    private static final Pattern SEAT_NAME = Pattern.compile(
            "Row [A-Z]+, seat \\d+, [a-z]+, (\\p{Sc}[\\d,]+\\.\\d\\d|not on sale for this show), (available|held|sold|unavailable)");

    private static final String OPERATOR_KEY = "operator-key-of-the-web-app-test";

    private BookingStack stack;
    private SandboxTheatre chain;
    private Browser browser;
    private String site;
    private List<Show> shows;
    private int nextShow;

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
    EmbeddedServer server;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        stack = BookingStack.start("aurora", "Aurora Cinemas", 43);
        chain = stack.chain();
        site = "http://localhost:" + stack.gatewayPort();
        Map<String, String> properties = new HashMap<>(stack.gatewayProperties());
        properties.put("marquee.payments.return-url", site + "/bookings/{bookingId}");
        properties.put("marquee.operator.key", OPERATOR_KEY);
        properties.put("marquee.waiting-room.admit-interval", "100ms");
        // Waitlists are served when seats come free, not also by the sweep every 15 s: a sweep between joining and the
        // page showing the place in line would offer the show's other free seats at once, and the place never shows.
        properties.put("marquee.waitlist.serve-interval", "1h");
        return properties;
    }

    @BeforeAll
    void syncTheChainAndStartTheBrowser() {
        tables.clear();
        sync.sync(chains.chain("aurora").orElseThrow());
        shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(4));
        assertThat(shows).hasSizeGreaterThan(6);
        browser = Browser.start(1280, 1000);
        api = new ApiClient(server.getURL());
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
    void aMoviegoerBrowsesFromACityToAShowsSeatMap() {
        browser.open(site + "/");
        browser.await(By.cssSelector("#cities a")).click();
        browser.await("the city's movies", d -> d.getCurrentUrl().contains("/cities/"));
        assertThat(browser.await(By.tagName("h1")).getText()).startsWith("Movies in ");

        browser.await(By.cssSelector(".cards .card a")).click();
        browser.await("a movie's showtimes", d -> d.getCurrentUrl().contains("/movies/"));
        browser.await(By.cssSelector(".times a")).click();

        browser.await("a show's page", d -> d.getCurrentUrl().contains("/shows/"));
        List<WebElement> seats = seatsOnTheMap();
        assertThat(seats).isNotEmpty();
        assertThat(seats).extracting(seat -> seat.getAttribute("aria-label")).allMatch(name -> SEAT_NAME.matcher(name).matches());
        assertThat(browser.driver().getTitle()).endsWith("— Marquee");
    }

    @Test
    void twoSeatsAreHeldWithACountdownPaidOnTheProvidersPageAndTheirTicketsShowWithQrCodes() {
        Show show = nextShow();
        openTheShow(show);
        List<WebElement> free = availableSeats();
        free.get(0).click();
        free.get(1).click();
        assertThat(browser.await(By.id("total")).getText()).matches("Total \\p{Sc}\\d+\\.\\d\\d");
        assertThat(free.get(0).getAttribute("aria-pressed")).isEqualTo("true");

        browser.driver().findElement(By.id("email")).sendKeys("ada@example.org");
        browser.driver().findElement(By.id("hold-button")).click();

        String first = browser.await(By.id("countdown")).getText();
        assertThat(first).matches("[45]:\\d\\d");
        browser.await("the countdown runs", d -> !d.findElement(By.id("countdown")).getText().equals(first));

        browser.driver().findElement(By.id("pay")).click();
        browser.await("the provider's payment page", d -> d.findElements(By.id("card")).size() == 1);
        browser.driver().findElement(By.cssSelector("button[value=pay]")).click();
        browser.await(By.id("return")).click();

        browser.await("the booking page", d -> d.getCurrentUrl().startsWith(site + "/bookings/"));
        browser.await("the booking confirmed", d -> d.findElement(By.id("booking-status")).getText().equals("CONFIRMED"));
        List<WebElement> codes = browser.await("two QR codes drawn", d -> {
            List<WebElement> images = d.findElements(By.cssSelector(".ticket img"));
            return images.size() == 2 && images.stream().allMatch(this::drawn) ? images : null;
        });
        assertThat(codes).extracting(img -> img.getAttribute("alt")).allMatch(alt -> alt.startsWith("QR code of the ticket for "));
        assertThat(browser.driver().findElement(By.id("cancel")).getText()).isEqualTo("Cancel this booking");
        String bookingId = browser.driver().getCurrentUrl().substring((site + "/bookings/").length());
        String token = (String) browser.script("return JSON.parse(localStorage.getItem('marquee.booking.' + arguments[0]))", bookingId);
        assertThat(api.call("GET", "/api/v1/bookings/" + bookingId, Map.of("Authorization", "Bearer " + token), null).json()
                .path("salesChannel").asText()).as("the web app's own client").isEqualTo("web");
    }

    @Test
    void aSeatSoldAtTheBoxOfficeBeforeTheClickIsNamedAndTheMapRefreshes() {
        Show show = nextShow();
        openTheShow(show);
        WebElement seat = availableSeats().get(3);
        String seatId = seat.getAttribute("data-id");
        String name = seat.getAttribute("aria-label").split(", ")[0] + ", " + seat.getAttribute("aria-label").split(", ")[1];
        seat.click();

        chain.admin().sell(show.ref(), List.of(seatId)); // at the chain, behind the gateway's back
        browser.driver().findElement(By.id("email")).sendKeys("grace@example.org");
        browser.driver().findElement(By.id("hold-button")).click();

        String message = browser.await(By.cssSelector("#message .notice")).getText();
        assertThat(message).contains(name).contains("taken by someone else");
        browser.await("the seat shown sold", d -> d.findElement(seatBy(seatId)).getAttribute("aria-label").endsWith(", sold"));
        assertThat(browser.driver().findElement(seatBy(seatId)).getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.driver().findElement(seatBy(seatId)).getAttribute("aria-disabled")).isEqualTo("true");
        assertThat(browser.driver().findElement(By.id("hold")).isDisplayed()).as("no hold").isFalse();
    }

    @Test
    void aSeatIsBookedWithTheKeyboardAlone() {
        Show show = nextShow();
        openTheShow(show);
        WebElement focused = null;
        for (int tab = 0; tab < 40; tab++) {
            browser.focused().sendKeys(Keys.TAB);
            focused = browser.focused();
            if (focused.getAttribute("data-id") != null) {
                break;
            }
        }
        assertThat(focused.getAttribute("data-id")).as("Tab reaches the seat map").isNotNull();
        String start = focused.getAttribute("data-id");
        focused.sendKeys(Keys.ARROW_RIGHT);
        WebElement next = browser.focused();
        assertThat(next.getAttribute("data-id")).as("the arrow key moves to the next seat").isNotEqualTo(start);
        if (!next.getAttribute("aria-label").endsWith("available")) {
            next.sendKeys(Keys.ARROW_LEFT);
            next = browser.focused();
        }
        next.sendKeys(Keys.ENTER);
        assertThat(next.getAttribute("aria-pressed")).isEqualTo("true");
        next.sendKeys(Keys.SPACE);
        assertThat(next.getAttribute("aria-pressed")).as("Space unpicks it again").isEqualTo("false");
        next.sendKeys(Keys.SPACE);

        browser.focused().sendKeys(Keys.TAB);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("email");
        browser.focused().sendKeys("hedy@example.org", Keys.TAB);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("hold-button");
        browser.focused().sendKeys(Keys.ENTER);

        browser.await(By.id("countdown"));
        assertThat(browser.focused().getAttribute("id")).as("focus moves to paying").isEqualTo("pay");
    }

    @Test
    void onAPhonesScreenThePageDoesNotScrollSidewaysAndSeatsCanBeHeld() {
        browser.viewport(360, 740);
        Show show = nextShow();
        openTheShow(show);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .as("the page's width").isLessThanOrEqualTo(360);
        WebElement seat = availableSeats().get(0);
        browser.script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", seat);
        seat.click();
        assertThat(browser.await(By.id("total")).getText()).startsWith("Total ");
        browser.driver().findElement(By.id("email")).sendKeys("joan@example.org");
        browser.driver().findElement(By.id("hold-button")).click();
        browser.await(By.id("countdown"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(360);
    }

    @Test
    void aDeepLinkWithThePercentEncodedShowIdOpensItsSeatMap() {
        Show show = nextShow();
        browser.open(site + "/shows/" + URLEncoder.encode(show.id(), StandardCharsets.UTF_8));
        assertThat(seatsOnTheMap()).isNotEmpty();
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isNotBlank();
    }

    @Test
    void seatsHeldByOthersCanBeWaitedForAndTheOfferShowsWhenTheyFreeUp() {
        Show show = nextShow();
        List<String> all = catalog.current().hall(show.hallId()).orElseThrow().layout().seats().stream().map(Seat::ref).toList();
        JsonNode rival = api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body(show.id(), all.subList(0, 2), "rival@example.org")).json();
        openTheShow(show);
        browser.driver().findElement(By.id("email")).sendKeys("katherine@example.org");
        new Select(browser.await(By.cssSelector("#waitlist select"))).selectByVisibleText("1");
        browser.driver().findElement(By.cssSelector("#waitlist button[type=submit]")).click();
        assertThat(browser.await(By.id("waitlist-position")).getText()).isEqualTo("1");

        assertThat(api.call("DELETE", "/api/v1/holds/" + rival.path("holdId").asText(),
                Map.of("Authorization", "Bearer " + rival.path("token").asText()), null).status()).isEqualTo(200);

        browser.await(By.id("countdown"));
        assertThat(browser.driver().findElement(By.id("hold-heading")).getText()).isEqualTo("Seats held for you");
    }

    @Test
    void aShowInQueueModeSendsTheMoviegoerThroughTheWaitingRoomBeforeTheHold() {
        Show show = nextShow();
        assertThat(api.call("PUT", "/api/v1/operator/queues/shows/" + show.id(), Map.of("Authorization", "Bearer " + OPERATOR_KEY),
                "{\"admissionsPerMinute\":60,\"admissionValiditySeconds\":600}").status()).isEqualTo(200);
        try {
            openTheShow(show);
            assertThat(browser.await(By.id("join-queue")).getText()).as("the waiting room opens with the page")
                    .isEqualTo("Join the queue");
            availableSeats().get(0).click();
            browser.driver().findElement(By.id("email")).sendKeys("mary@example.org");
            browser.driver().findElement(By.id("hold-button")).click(); // refused without an admission: into the queue

            browser.await(By.id("countdown"));
            assertThat(browser.driver().findElement(By.id("queue-heading")).getText()).isEqualTo("It is your turn");
        } finally {
            api.call("DELETE", "/api/v1/operator/queues/shows/" + show.id(), Map.of("Authorization", "Bearer " + OPERATOR_KEY), null);
        }
    }

    @Test
    void aNewCustomerSignsUpBooksAndFindsTheBookingUnderMyTickets() {
        String email = "ada." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        browser.open(site + "/account/sign-up");
        browser.await(By.name("name")).sendKeys("Ada Lovelace");
        browser.driver().findElement(By.name("email")).sendKeys(email);
        browser.driver().findElement(By.name("password")).sendKeys("analytical-engine-1843");
        browser.driver().findElement(By.cssSelector("#sign-up button[type=submit]")).click();
        browser.await("the account's page", d -> d.getCurrentUrl().startsWith(site + "/account?welcome"));
        assertThat(browser.await(By.id("account-link")).getText()).isEqualTo("Your account");

        Show show = nextShow();
        openTheShow(show);
        String filledIn = browser.await("the email filled in from the account", d -> {
            String value = d.findElement(By.id("email")).getAttribute("value");
            return value.isEmpty() ? null : value;
        });
        assertThat(filledIn).isEqualTo(email);
        availableSeats().get(0).click();
        browser.driver().findElement(By.id("hold-button")).click();
        browser.await(By.id("pay")).click();
        browser.await("the provider's payment page", d -> d.findElements(By.id("card")).size() == 1);
        browser.driver().findElement(By.cssSelector("button[value=pay]")).click();
        browser.await(By.id("return")).click();
        browser.await("the booking confirmed", d -> d.findElement(By.id("booking-status")).getText().equals("CONFIRMED"));

        browser.await(By.id("account-link")).click();
        String tickets = browser.await(By.id("my-tickets")).getText();
        assertThat(tickets).contains(browser.driver().findElement(By.cssSelector("#my-bookings li")).getText().split(" · ")[0]);
        assertThat(browser.driver().findElements(By.cssSelector("#my-tickets li"))).hasSize(1);
    }

    @Test
    void theMapFollowsSeatsHeldAndReleasedElsewhereWithoutAReload() {
        Show show = nextShow();
        openTheShow(show);
        String seatId = availableSeats().get(2).getAttribute("data-id");
        browser.script("window.notReloaded = true");

        JsonNode rival = api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body(show.id(), List.of(seatId), "rival@example.org")).json();
        browser.await("the seat shown held", d -> d.findElement(seatBy(seatId)).getAttribute("aria-label").endsWith(", held"));
        assertThat(browser.driver().findElement(seatBy(seatId)).getAttribute("aria-disabled")).isEqualTo("true");

        api.call("DELETE", "/api/v1/holds/" + rival.path("holdId").asText(),
                Map.of("Authorization", "Bearer " + rival.path("token").asText()), null);
        browser.await("the seat shown free again", d -> d.findElement(seatBy(seatId)).getAttribute("aria-label").endsWith(", available"));
        assertThat(browser.script("return window.notReloaded")).as("the same page all along").isEqualTo(true);
    }

    @Test
    void everyPagesTextMeetsWcagAaContrast() throws IOException {
        String check = new String(WebAppBrowserTest.class.getResourceAsStream("/webapp/contrast.js").readAllBytes(),
                StandardCharsets.UTF_8);
        Show show = nextShow();
        browser.open(site + "/");
        browser.await(By.cssSelector("#cities a"));
        assertThat(browser.script(check)).as("the city page").isEqualTo(List.of());
        browser.driver().findElement(By.cssSelector("#cities a")).click();
        browser.await(By.cssSelector(".cards .card a"));
        assertThat(browser.script(check)).as("a city's movies").isEqualTo(List.of());
        browser.driver().findElement(By.cssSelector(".cards .card a")).click();
        browser.await(By.cssSelector(".times a"));
        assertThat(browser.script(check)).as("a movie's showtimes").isEqualTo(List.of());

        openTheShow(show);
        availableSeats().get(0).click();
        browser.driver().findElement(By.id("hold-button")).click(); // no email: the page says so
        browser.await(By.cssSelector("#message .notice"));
        assertThat(browser.script(check)).as("a show's seat map with a pick and a message").isEqualTo(List.of());
        browser.driver().findElement(By.id("email")).sendKeys("rosalind@example.org");
        browser.driver().findElement(By.id("hold-button")).click();
        browser.await(By.id("countdown"));
        assertThat(browser.script(check)).as("a show's page with the hold").isEqualTo(List.of());
    }

    private Show nextShow() {
        return shows.get(nextShow++);
    }

    private void openTheShow(Show show) {
        browser.open(site + "/shows/" + show.id());
        seatsOnTheMap();
    }

    private List<WebElement> seatsOnTheMap() {
        return browser.await("the seat map", d -> {
            List<WebElement> seats = d.findElements(By.cssSelector("#hall [role=button][data-id]"));
            return seats.isEmpty() ? null : seats;
        });
    }

    private List<WebElement> availableSeats() {
        return seatsOnTheMap().stream().filter(s -> s.getAttribute("aria-label").endsWith(", available")).toList();
    }

    private static By seatBy(String seatId) {
        return By.cssSelector("#hall [data-id='" + seatId + "']");
    }

    private boolean drawn(WebElement image) {
        return Boolean.TRUE.equals(browser.script("return arguments[0].complete && arguments[0].naturalWidth === 300", image));
    }
}

package dev.marquee.adapters.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.marquee.adapters.rest.TheatreApiBodies.booking;
import static dev.marquee.adapters.rest.TheatreApiBodies.cinema;
import static dev.marquee.adapters.rest.TheatreApiBodies.city;
import static dev.marquee.adapters.rest.TheatreApiBodies.hall;
import static dev.marquee.adapters.rest.TheatreApiBodies.lock;
import static dev.marquee.adapters.rest.TheatreApiBodies.movie;
import static dev.marquee.adapters.rest.TheatreApiBodies.page;
import static dev.marquee.adapters.rest.TheatreApiBodies.problem;
import static dev.marquee.adapters.rest.TheatreApiBodies.seats;
import static dev.marquee.adapters.rest.TheatreApiBodies.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.marquee.adapters.RecordingMetrics;
import dev.marquee.contracts.Exchange;
import dev.marquee.contracts.OpenApiContract;
import dev.marquee.spi.BookingLookup;
import dev.marquee.spi.CancelOutcome;
import dev.marquee.spi.CatalogChanges;
import dev.marquee.spi.ChainContext;
import dev.marquee.spi.ChainMetrics;
import dev.marquee.spi.CatalogCursor;
import dev.marquee.spi.ConfirmOutcome;
import dev.marquee.spi.ConfirmRequest;
import dev.marquee.spi.LockLookup;
import dev.marquee.spi.LockOutcome;
import dev.marquee.spi.ReleaseOutcome;
import dev.marquee.spi.RequestIds;
import dev.marquee.spi.SeatAvailability;
import dev.marquee.spi.SeatLockRequest;
import dev.marquee.spi.Show;
import dev.marquee.spi.ShowStatus;
import dev.marquee.spi.TheatreAdapter;
import dev.marquee.spi.TheatreProtocolException;
import dev.marquee.spi.TheatreTicket;
import dev.marquee.spi.TheatreTimeoutException;
import dev.marquee.spi.TheatreUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The REST adapter against a stubbed chain: how each answer of the theatre API maps, and how each network failure surfaces. */
class RestTheatreAdapterTest {
    private static final String CHAIN = "aurora";
    private static final Instant NINE_PM = Instant.parse("2026-11-21T21:00:00Z");
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    private static final OpenApiContract THEATRE_API = OpenApiContract.theatreApi();

    private static WireMockServer chain;
    private TheatreAdapter adapter;

    @BeforeAll
    static void startChain() {
        chain = new WireMockServer(options().dynamicPort());
        chain.start();
    }

    @AfterAll
    static void stopChain() {
        chain.stop();
    }

    @BeforeEach
    void createAdapter() {
        chain.resetAll();
        adapter = adapter(Map.of("page-size", "2"));
    }

    @AfterEach
    void closeAdapter() {
        adapter.close();
    }

    private static TheatreAdapter adapter(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "base-url", chain.baseUrl(), "api-key", "s3cret", "request-timeout", REQUEST_TIMEOUT.toMillis() + "ms"));
        settings.putAll(extra);
        return new RestTheatreAdapterFactory().create(CHAIN, settings);
    }

    private static void stub(MappingBuilder request, int status, ObjectNode body) {
        String contentType = status >= 400 ? "application/problem+json" : "application/json";
        chain.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType)
                .withBody(body.toString())));
    }

    private static SeatLockRequest lockRequest(String... seats) {
        return new SeatLockRequest("s1", List.of(seats), Duration.ofMinutes(5), "gw-lock-1");
    }

    /** Every request the adapter sent, with the stubbed answer, honours theatre-api.yaml. */
    private static void assertEverythingSentHonoursTheContract() {
        List<ServeEvent> events = chain.getAllServeEvents();
        assertThat(events).isNotEmpty();
        for (ServeEvent event : events) {
            LoggedRequest request = event.getRequest();
            LoggedResponse response = event.getResponse();
            String body = request.getBodyAsString();
            THEATRE_API.assertConforms(new Exchange(request.getMethod().getName(), URI.create(request.getUrl()), Map.of(),
                    body == null || body.isEmpty() ? null : body, response.getStatus(),
                    contentType(response),
                    response.getBodyAsString()));
        }
    }

    private static String contentType(LoggedResponse response) {
        var header = response.getHeaders().getHeader("Content-Type");
        return header.isPresent() ? header.firstValue() : null;
    }

    @Nested
    class Catalogue {
        @Test
        void fullReadFollowsEveryPageAndKeepsTheLastCursor() {
            stub(get(urlPathEqualTo("/theatre/v1/catalog")).withQueryParam("since", absent()).withQueryParam("limit", equalTo("2")), 200,
                    page("c1").hasMore()
                            .with("cities", city("man")).with("cinemas", cinema("cin1", "man"))
                            .with("halls", hall("h1", "cin1", "A1", "A2", "A3")).with("movies", movie("m1"))
                            .with("shows", show("s1", "m1", "h1", NINE_PM), show("s2", "m1", "h1", NINE_PM.plusSeconds(4 * 3600)))
                            .build());
            stub(get(urlPathEqualTo("/theatre/v1/catalog")).withQueryParam("since", equalTo("c1")), 200,
                    page("c2").with("shows", show("s3", "m1", "h1", NINE_PM.plusSeconds(24 * 3600))).build());

            CatalogChanges changes = adapter.readCatalog(CatalogCursor.START);

            assertThat(changes.complete()).isTrue();
            assertThat(changes.next()).isEqualTo(new CatalogCursor("c2"));
            assertThat(changes.shows()).extracting(Show::ref).containsExactly("s1", "s2", "s3");
            assertThat(changes.halls()).singleElement().satisfies(h -> assertThat(h.layout().capacity()).isEqualTo(3));
            assertThat(changes.cities()).singleElement().satisfies(c -> assertThat(c.timeZone().getId()).isEqualTo("Europe/London"));
            assertThat(changes.movies()).singleElement().satisfies(m -> {
                assertThat(m.runtime()).isEqualTo(Duration.ofMinutes(169));
                assertThat(m.trailerUrl()).isNull();
            });
            Show first = changes.shows().getFirst();
            assertThat(first.startsAt()).isEqualTo(NINE_PM);
            assertThat(first.status()).isEqualTo(ShowStatus.SCHEDULED);
            assertThat(first.prices()).singleElement().satisfies(p -> assertThat(p.price().amount()).isEqualByComparingTo("11.50"));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void incrementalReadSendsTheCursorAndIsNotComplete() {
            stub(get(urlPathEqualTo("/theatre/v1/catalog")).withQueryParam("since", equalTo("c 7/+")), 200,
                    page("c8").complete(false).with("shows", show("s1", "m1", "h1", NINE_PM)).build());

            CatalogChanges changes = adapter.readCatalog(new CatalogCursor("c 7/+"));

            assertThat(changes.complete()).isFalse();
            assertThat(changes.next().value()).isEqualTo("c8");
            assertThat(changes.shows()).hasSize(1);
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aShowDeliveredOnTwoPagesAppearsOnceInItsLaterVersion() {
            ObjectNode cancelled = show("s1", "m1", "h1", NINE_PM).put("status", "CANCELLED");
            stub(get(urlPathEqualTo("/theatre/v1/catalog")).withQueryParam("since", absent()), 200,
                    page("c1").hasMore().with("shows", show("s1", "m1", "h1", NINE_PM)).build());
            stub(get(urlPathEqualTo("/theatre/v1/catalog")).withQueryParam("since", equalTo("c1")), 200,
                    page("c2").with("shows", cancelled).build());

            assertThat(adapter.readCatalog(CatalogCursor.START).shows())
                    .singleElement().extracting(Show::status).isEqualTo(ShowStatus.CANCELLED);
        }

        @Test
        void aCursorThatDoesNotMoveOnIsAProtocolFailureNotAnEndlessLoop() {
            stub(get(urlPathEqualTo("/theatre/v1/catalog")), 200, page("c1").hasMore().build());

            assertThatThrownBy(() -> adapter.readCatalog(new CatalogCursor("c1")))
                    .isInstanceOf(TheatreProtocolException.class).hasMessageContaining("nextCursor");
        }

        @Test
        void aShowMissingItsStartIsAProtocolFailureNamingTheField() {
            ObjectNode show = show("s1", "m1", "h1", NINE_PM);
            show.remove("startsAt");
            stub(get(urlPathEqualTo("/theatre/v1/catalog")), 200, page("c1").with("shows", show).build());

            assertThatThrownBy(() -> adapter.readCatalog(CatalogCursor.START))
                    .isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("chain aurora").hasMessageContaining("readCatalog").hasMessageContaining("shows[0].startsAt is missing");
        }
    }

    @Nested
    class Seats {
        @Test
        void readSeatsReportsHeldAndSoldSeats() {
            stub(get("/theatre/v1/shows/s1/seats"), 200, seats("s1", List.of("A1"), List.of("A2", "A3")));

            SeatAvailability seats = adapter.readSeats("s1");

            assertThat(seats.heldSeats()).containsExactly("A1");
            assertThat(seats.soldSeats()).containsExactlyInAnyOrder("A2", "A3");
            assertThat(seats.readAt()).isEqualTo(Instant.parse("2026-11-21T19:30:00Z"));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void showIdsAreEncodedAsOnePathSegment() {
            stub(get("/theatre/v1/shows/a%2Fb%20c/seats"), 200, seats("a/b c", List.of(), List.of()));

            assertThat(adapter.readSeats("a/b c").showRef()).isEqualTo("a/b c");
        }

        @Test
        void anUnknownShowIsAProtocolFailure() {
            stub(get("/theatre/v1/shows/nope/seats"), 404, problem(404, "Unknown show"));

            assertThatThrownBy(() -> adapter.readSeats("nope"))
                    .isInstanceOf(TheatreProtocolException.class).hasMessageContaining("404").hasMessageContaining("Unknown show");
        }
    }

    @Nested
    class RequestIdsToTheChain {
        @Test
        void aCallForAGatewayRequestCarriesItsIdInTheXRequestIdHeader() {
            ChainContext context = new ChainContext(CHAIN, java.time.Clock.systemUTC(), ChainContext.LOGGER_PREFIX + CHAIN,
                    ChainMetrics.NONE, () -> Optional.of("req-42.a_b:c"));
            stub(get("/theatre/v1/shows/s1/seats"), 200, seats("s1", List.of(), List.of()));
            try (TheatreAdapter withIds = new RestTheatreAdapterFactory().create(context, Map.of("base-url", chain.baseUrl()))) {
                withIds.readSeats("s1");
            }

            chain.verify(getRequestedFor(urlPathEqualTo("/theatre/v1/shows/s1/seats"))
                    .withHeader(RequestIds.HEADER, equalTo("req-42.a_b:c")));
        }

        @Test
        void theGatewaysOwnWorkSendsNoRequestId() {
            stub(get("/theatre/v1/shows/s1/seats"), 200, seats("s1", List.of(), List.of()));

            adapter.readSeats("s1");

            chain.verify(getRequestedFor(urlPathEqualTo("/theatre/v1/shows/s1/seats")).withHeader(RequestIds.HEADER, absent()));
        }
    }

    @Nested
    class Locks {
        @Test
        void lockSendsTheRequestAndReturnsTheLock() {
            Instant expires = NINE_PM.plusSeconds(300);
            stub(post("/theatre/v1/locks").withHeader("Authorization", equalTo("Bearer s3cret"))
                    .withRequestBody(equalToJson("""
                            {"showId": "s1", "seatIds": ["A1", "A2"], "ttlSeconds": 300, "reference": "gw-lock-1"}""")),
                    201, lock("L1", "s1", List.of("A1", "A2"), expires, "gw-lock-1"));

            assertThat(adapter.lockSeats(lockRequest("A1", "A2"))).isEqualTo(new LockOutcome.Locked("L1", expires));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aRepeatedReferenceReturnsTheEarlierLock() {
            stub(post("/theatre/v1/locks"), 200, lock("L1", "s1", List.of("A1"), NINE_PM, "gw-lock-1"));

            assertThat(adapter.lockSeats(lockRequest("A1"))).isEqualTo(new LockOutcome.Locked("L1", NINE_PM));
        }

        @Test
        void lockReportsExactlyTheTakenSeats() {
            stub(post("/theatre/v1/locks"), 409, problem(409, "Seats taken").set("seatsTaken", TheatreApiBodies.JSON.valueToTree(List.of("A2"))));

            assertThat(adapter.lockSeats(lockRequest("A1", "A2"))).isEqualTo(new LockOutcome.SeatsTaken(List.of("A2")));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aConflictWithoutTheTakenSeatsIsAProtocolFailure() {
            stub(post("/theatre/v1/locks"), 409, problem(409, "Seats taken"));

            assertThatThrownBy(() -> adapter.lockSeats(lockRequest("A1")))
                    .isInstanceOf(TheatreProtocolException.class).hasMessageContaining("seatsTaken is missing");
        }

        @Test
        void anUnservableRequestIsRefusedWithTheChainsReason() {
            stub(post("/theatre/v1/locks"), 422, problem(422, "Show cancelled").put("detail", "show s1 was cancelled"));

            assertThat(adapter.lockSeats(lockRequest("A1"))).isEqualTo(new LockOutcome.Refused("show s1 was cancelled"));
        }

        @Test
        void ttlIsSentInWholeSecondsRoundedUpAndCappedAtAnHour() {
            assertThat(RestTheatreAdapter.ttlSeconds(Duration.ofMillis(1500))).isEqualTo(2);
            assertThat(RestTheatreAdapter.ttlSeconds(Duration.ofMillis(1))).isEqualTo(1);
            assertThat(RestTheatreAdapter.ttlSeconds(Duration.ofHours(2))).isEqualTo(3600);
        }

        @Test
        void releaseDeletesTheLock() {
            chain.stubFor(delete("/theatre/v1/locks/L1").willReturn(aResponse().withStatus(204)));

            assertThat(adapter.release("L1")).isEqualTo(new ReleaseOutcome.Released());

            assertEverythingSentHonoursTheContract();
        }

        @Test
        void releasingAConfirmedLockAnswersAlreadyConfirmed() {
            stub(delete("/theatre/v1/locks/L1"), 409, problem(409, "Lock confirmed"));

            assertThat(adapter.release("L1")).isEqualTo(new ReleaseOutcome.AlreadyConfirmed());
        }

        @Test
        @SuppressWarnings("deprecation")
        void theDeprecatedReleaseLockStillRefusesAConfirmedLockAsInVersion2() {
            stub(delete("/theatre/v1/locks/L1"), 409, problem(409, "Lock confirmed"));

            assertThatThrownBy(() -> adapter.releaseLock("L1"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cancel its booking");
        }
    }

    @Nested
    class Lookups {
        private static ObjectNode found(String list, ObjectNode... items) {
            ObjectNode answer = TheatreApiBodies.JSON.createObjectNode();
            var array = answer.putArray(list);
            for (ObjectNode item : items) {
                array.add(item);
            }
            return answer;
        }

        private static ObjectNode foundLock(String lockId, String status, ObjectNode booking) {
            ObjectNode found = lock(lockId, "s 1", List.of("A1", "A2"), NINE_PM, "gw lock/1").put("status", status);
            if (booking != null) {
                found.set("booking", booking);
            }
            return found;
        }

        @Test
        void aLiveLockIsHeldAndTheQueryCarriesShowAndReferenceEncoded() {
            stub(get(urlPathEqualTo("/theatre/v1/locks")).withQueryParam("showId", equalTo("s 1"))
                    .withQueryParam("reference", equalTo("gw lock/1")), 200, found("locks", foundLock("L1", "ACTIVE", null)));

            assertThat(adapter.findLock("s 1", "gw lock/1")).isEqualTo(new LockLookup.Held("L1", List.of("A1", "A2"), NINE_PM));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aConfirmedLockComesBeforeALiveOneWithTheBookingsTickets() {
            stub(get(urlPathEqualTo("/theatre/v1/locks")), 200, found("locks", foundLock("L2", "ACTIVE", null),
                    foundLock("L1", "CONFIRMED", booking("B1", "L1", "CANCELLED", List.of("A1", "A2")))));

            assertThat(adapter.findLock("s 1", "gw lock/1")).isEqualTo(new LockLookup.Confirmed("L1", "B1",
                    List.of(new TheatreTicket("A1", "T-B1-A1"), new TheatreTicket("A2", "T-B1-A2"))));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void noLockListedIsGone() {
            stub(get(urlPathEqualTo("/theatre/v1/locks")), 200, found("locks"));

            assertThat(adapter.findLock("s 1", "gw lock/1")).isEqualTo(new LockLookup.Gone());
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aLockOfAnotherReferenceIsAProtocolFailureNotAnAnswer() {
            stub(get(urlPathEqualTo("/theatre/v1/locks")), 200, found("locks", foundLock("L1", "ACTIVE", null)));

            assertThatThrownBy(() -> adapter.findLock("s 1", "gw-lock-2")).isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("findLock of show s 1").hasMessageContaining("not the one asked for");
        }

        @Test
        void aConfirmedLockWithoutItsBookingIsAProtocolFailure() {
            stub(get(urlPathEqualTo("/theatre/v1/locks")), 200, found("locks", foundLock("L1", "CONFIRMED", null)));

            assertThatThrownBy(() -> adapter.findLock("s 1", "gw lock/1")).isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("booking is missing");
        }

        @Test
        void aChainWithoutLookupsIsUnsupportedNotGoneOrNotFound() {
            for (int status : List.of(404, 405, 501)) {
                chain.resetAll();
                stub(get(urlPathEqualTo("/theatre/v1/locks")), status, problem(status, "No such route"));
                stub(get(urlPathEqualTo("/theatre/v1/bookings")), status, problem(status, "No such route"));

                assertThat(adapter.findLock("s 1", "gw lock/1")).isEqualTo(new LockLookup.Unsupported());
                assertThat(adapter.findBooking("gw-booking-1")).isEqualTo(new BookingLookup.Unsupported());
            }
        }

        @Test
        void anUnavailableChainIsAFailureNotAnAnswer() {
            stub(get(urlPathEqualTo("/theatre/v1/locks")), 503, problem(503, "Maintenance"));
            stub(get(urlPathEqualTo("/theatre/v1/bookings")), 503, problem(503, "Maintenance"));

            assertThatThrownBy(() -> adapter.findLock("s 1", "gw lock/1")).isInstanceOf(TheatreUnavailableException.class);
            assertThatThrownBy(() -> adapter.findBooking("gw-booking-1")).isInstanceOf(TheatreUnavailableException.class);
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aStandingBookingComesBeforeACancelledOne() {
            stub(get(urlPathEqualTo("/theatre/v1/bookings")).withQueryParam("reference", equalTo("gw-booking-1")), 200,
                    found("bookings", booking("B0", "L0", "CANCELLED", List.of("A1")), booking("B1", "L1", "CONFIRMED", List.of("A2"))));

            assertThat(adapter.findBooking("gw-booking-1"))
                    .isEqualTo(new BookingLookup.Booked("B1", List.of(new TheatreTicket("A2", "T-B1-A2"))));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void onlyCancelledBookingsAreCancelledAndNoneIsNotFound() {
            stub(get(urlPathEqualTo("/theatre/v1/bookings")), 200, found("bookings", booking("B0", "L0", "CANCELLED", List.of("A1"))));
            assertThat(adapter.findBooking("gw-booking-1")).isEqualTo(new BookingLookup.Cancelled("B0"));

            stub(get(urlPathEqualTo("/theatre/v1/bookings")), 200, found("bookings"));
            assertThat(adapter.findBooking("gw-booking-1")).isEqualTo(new BookingLookup.NotFound());
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aBookingOfAnotherReferenceIsAProtocolFailure() {
            stub(get(urlPathEqualTo("/theatre/v1/bookings")), 200, found("bookings", booking("B1", "L1", "CONFIRMED", List.of("A1"))));

            assertThatThrownBy(() -> adapter.findBooking("gw-booking-2")).isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("findBooking with reference gw-booking-2");
        }
    }

    @Nested
    class Bookings {
        private final ConfirmRequest confirm = new ConfirmRequest("L1", "gw-booking-1");

        @Test
        void confirmGivesOneTicketPerSeat() {
            stub(post("/theatre/v1/locks/L1/confirm").withRequestBody(equalToJson("{\"reference\": \"gw-booking-1\"}")),
                    201, booking("B1", "L1", "CONFIRMED", List.of("A1", "A2")));

            ConfirmOutcome outcome = adapter.confirm(confirm);

            assertThat(outcome).isInstanceOfSatisfying(ConfirmOutcome.Confirmed.class, confirmed -> {
                assertThat(confirmed.bookingRef()).isEqualTo("B1");
                assertThat(confirmed.tickets()).extracting(t -> t.seatRef() + "=" + t.ticketRef())
                        .containsExactly("A1=T-B1-A1", "A2=T-B1-A2");
            });
            assertEverythingSentHonoursTheContract();
        }

        private void stubAlreadyConfirmedAs(String bookingId) {
            stub(post("/theatre/v1/locks/L1/confirm"), 409, problem(409, "Already confirmed").put("bookingId", bookingId));
        }

        @Test
        void confirmingAgainReadsTheEarlierBookingForItsTickets() {
            stubAlreadyConfirmedAs("B1");
            stub(get("/theatre/v1/bookings/B1").withHeader("Authorization", equalTo("Bearer s3cret")),
                    200, booking("B1", "L1", "CONFIRMED", List.of("A1", "A2")));

            ConfirmOutcome outcome = adapter.confirm(confirm);

            assertThat(outcome).isEqualTo(new ConfirmOutcome.AlreadyConfirmed("B1",
                    List.of(new TheatreTicket("A1", "T-B1-A1"), new TheatreTicket("A2", "T-B1-A2"))));
            chain.verify(1, getRequestedFor(urlPathEqualTo("/theatre/v1/bookings/B1")));
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void theEarlierBookingIsReadUnderItsIdAsOnePathSegment() {
            stubAlreadyConfirmedAs("B 1/x");
            stub(get("/theatre/v1/bookings/B%201%2Fx"), 200, booking("B 1/x", "L1", "CONFIRMED", List.of("A1")));

            assertThat(adapter.confirm(confirm)).isInstanceOfSatisfying(ConfirmOutcome.AlreadyConfirmed.class,
                    again -> assertThat(again.bookingRef()).isEqualTo("B 1/x"));
        }

        @Test
        void anUnavailableChainWhileReadingTheEarlierBookingIsUnavailable() {
            stubAlreadyConfirmedAs("B1");
            stub(get("/theatre/v1/bookings/B1"), 503, problem(503, "Maintenance"));

            assertThatThrownBy(() -> adapter.confirm(confirm)).isInstanceOf(TheatreUnavailableException.class)
                    .hasMessageContaining("chain " + CHAIN).hasMessageContaining("confirm of lock L1")
                    .hasMessageContaining("booking B1").hasMessageContaining("503");
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void noAnswerWhileReadingTheEarlierBookingIsATimeout() {
            stubAlreadyConfirmedAs("B1");
            chain.stubFor(get("/theatre/v1/bookings/B1").willReturn(aResponse().withStatus(200)
                    .withFixedDelay((int) REQUEST_TIMEOUT.toMillis() * 4)));

            assertThatThrownBy(() -> adapter.confirm(confirm)).isInstanceOf(TheatreTimeoutException.class)
                    .hasMessageContaining("confirm of lock L1").hasMessageContaining("booking B1");
        }

        @Test
        void anEarlierBookingTheChainDoesNotKnowIsAProtocolFailure() {
            stubAlreadyConfirmedAs("B1");
            stub(get("/theatre/v1/bookings/B1"), 404, problem(404, "Unknown booking"));

            assertThatThrownBy(() -> adapter.confirm(confirm)).isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("booking B1").hasMessageContaining("404");
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void anEarlierBookingOfAnotherLockIsAProtocolFailure() {
            stubAlreadyConfirmedAs("B1");
            stub(get("/theatre/v1/bookings/B1"), 200, booking("B1", "L9", "CONFIRMED", List.of("A1")));

            assertThatThrownBy(() -> adapter.confirm(confirm)).isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("booking B1 of lock L9");
        }

        @Test
        void anEarlierBookingWithoutTicketsIsAProtocolFailure() {
            stubAlreadyConfirmedAs("B1");
            stub(get("/theatre/v1/bookings/B1"), 200, booking("B1", "L1", "CONFIRMED", List.of()));

            assertThatThrownBy(() -> adapter.confirm(confirm)).isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("tickets");
        }

        @Test
        void anAlreadyConfirmedAnswerWithoutTheBookingIsAProtocolFailureAndReadsNothing() {
            stub(post("/theatre/v1/locks/L1/confirm"), 409, problem(409, "Already confirmed"));

            assertThatThrownBy(() -> adapter.confirm(confirm)).isInstanceOf(TheatreProtocolException.class)
                    .hasMessageContaining("bookingId is missing");
            chain.verify(0, getRequestedFor(anyUrl()));
        }

        @Test
        void confirmingAnExpiredLockBooksNothing() {
            stub(post("/theatre/v1/locks/L1/confirm"), 410, problem(410, "Lock expired"));

            assertThat(adapter.confirm(confirm)).isEqualTo(new ConfirmOutcome.LockExpired());
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aBookingWithoutTicketsIsAProtocolFailure() {
            stub(post("/theatre/v1/locks/L1/confirm"), 201, booking("B1", "L1", "CONFIRMED", List.of()));

            assertThatThrownBy(() -> adapter.confirm(confirm))
                    .isInstanceOf(TheatreProtocolException.class).hasMessageContaining("tickets");
        }

        @Test
        void cancelFreesTheBooking() {
            stub(post("/theatre/v1/bookings/B1/cancel"), 200, booking("B1", "L1", "CANCELLED", List.of("A1")));

            assertThat(adapter.cancelBooking("B1")).isEqualTo(new CancelOutcome.Cancelled());
            assertEverythingSentHonoursTheContract();
        }

        @Test
        void aStartedShowsBookingIsNotCancellable() {
            stub(post("/theatre/v1/bookings/B1/cancel"), 422, problem(422, "Show started"));

            assertThat(adapter.cancelBooking("B1")).isEqualTo(new CancelOutcome.NotCancellable("Show started (detail)"));
        }

        @Test
        void anUnknownBookingIsNotCancellable() {
            stub(post("/theatre/v1/bookings/B9/cancel"), 404, problem(404, "Unknown booking"));

            assertThat(adapter.cancelBooking("B9")).isInstanceOf(CancelOutcome.NotCancellable.class);
        }
    }

    /** What a real network and a broken chain do, each surfacing as the exception that says so. */
    @Nested
    class Failures {
        private void chainAnswers(ResponseDefinitionBuilder response) {
            chain.stubFor(any(anyUrl()).willReturn(response));
        }

        private void assertFailure(ThrowingCallable call, Class<? extends RuntimeException> type, String calledWhat) {
            assertThatThrownBy(call).isInstanceOf(type)
                    .hasMessageContaining("chain " + CHAIN).hasMessageContaining(calledWhat);
        }

        @Test
        void noAnswerWithinTheRequestTimeoutIsATimeout() {
            chainAnswers(aResponse().withStatus(200).withFixedDelay((int) REQUEST_TIMEOUT.toMillis() * 4));

            assertFailure(() -> adapter.readSeats("s1"), TheatreTimeoutException.class, "readSeats");
        }

        @Test
        void aServerErrorMeansTheChainIsUnavailable() {
            stub(any(anyUrl()), 500, problem(500, "Internal error"));

            assertFailure(() -> adapter.confirm(new ConfirmRequest("L1", "gw-1")), TheatreUnavailableException.class, "confirm of lock L1");
        }

        @Test
        void serviceUnavailableMeansTheChainIsUnavailableAndIsNotRetried() {
            stub(any(anyUrl()), 503, problem(503, "Maintenance"));

            assertFailure(() -> adapter.lockSeats(lockRequest("A1")), TheatreUnavailableException.class, "lockSeats");
            chain.verify(1, postRequestedFor(urlPathEqualTo("/theatre/v1/locks")));
        }

        @Test
        void aGatewayTimeoutInFrontOfTheChainMeansUnavailable() {
            chainAnswers(aResponse().withStatus(504).withBody("upstream timed out"));

            assertFailure(() -> adapter.cancelBooking("B1"), TheatreUnavailableException.class, "cancelBooking");
        }

        @Test
        void aRefusedConnectionMeansTheChainIsUnavailable() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            try (TheatreAdapter unreachable = new RestTheatreAdapterFactory().create(CHAIN, Map.of("base-url", "http://127.0.0.1:" + closedPort))) {
                assertFailure(() -> unreachable.readCatalog(CatalogCursor.START), TheatreUnavailableException.class, "readCatalog");
            }
        }

        @Test
        void aResetConnectionMeansTheChainIsUnavailable() {
            chainAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            assertFailure(() -> adapter.readSeats("s1"), TheatreUnavailableException.class, "readSeats");
        }

        @Test
        void aGarbledChunkedTransferMeansTheChainIsUnavailable() {
            chainAnswers(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

            assertFailure(() -> adapter.readSeats("s1"), TheatreUnavailableException.class, "readSeats");
        }

        @Test
        void anEmptyBodyIsAProtocolFailure() {
            chainAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json"));

            assertFailure(() -> adapter.readSeats("s1"), TheatreProtocolException.class, "empty body");
        }

        @Test
        void truncatedJsonIsAProtocolFailure() {
            String whole = seats("s1", List.of("A1"), List.of()).toString();
            chainAnswers(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(whole.substring(0, whole.length() / 2)));

            assertFailure(() -> adapter.readSeats("s1"), TheatreProtocolException.class, "malformed JSON");
        }

        @Test
        void jsonMissingARequiredFieldIsAProtocolFailureNamingIt() {
            ObjectNode lock = lock("L1", "s1", List.of("A1"), NINE_PM, "gw-lock-1");
            lock.remove("expiresAt");
            stub(post("/theatre/v1/locks"), 201, lock);

            assertFailure(() -> adapter.lockSeats(lockRequest("A1")), TheatreProtocolException.class, "expiresAt is missing");
        }

        @Test
        void anHtmlPageInsteadOfJsonIsAProtocolFailure() {
            chainAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Welcome to nginx!</body></html>"));

            assertFailure(() -> adapter.readCatalog(CatalogCursor.START), TheatreProtocolException.class, "text/html");
        }

        @Test
        void aRejectedApiKeyIsAProtocolFailurePointingAtTheSetting() {
            stub(any(anyUrl()), 401, problem(401, "Bad API key"));

            assertFailure(() -> adapter.release("L1"), TheatreProtocolException.class, "401");
            assertThatThrownBy(() -> adapter.release("L1")).hasMessageContaining("api-key");
        }

        @Test
        void theApiKeyNeverAppearsInFailures() {
            stub(any(anyUrl()), 500, problem(500, "Internal error"));

            assertThatThrownBy(() -> adapter.readSeats("s1")).message().doesNotContain("s3cret");
        }
    }

    @Nested
    class Metrics {
        private final RecordingMetrics metrics = new RecordingMetrics();

        @Test
        void eachRequestIsReportedToTheContextsMetricsByItsOperation() {
            stub(get("/theatre/v1/shows/s1/seats"), 200, seats("s1", List.of("A1"), List.of()));
            chain.stubFor(delete("/theatre/v1/locks/L1").willReturn(aResponse().withStatus(204)));

            try (TheatreAdapter measured = measuredAdapter()) {
                measured.readSeats("s1");
                measured.release("L1");
            }

            assertThat(metrics.calls()).containsExactly("readSeats answered", "release answered");
        }

        @Test
        void aChainThatIsDownIsReportedAsAFailedCall() {
            stub(any(anyUrl()), 503, problem(503, "Down for maintenance"));

            try (TheatreAdapter measured = measuredAdapter()) {
                assertThatThrownBy(() -> measured.readSeats("s1")).isInstanceOf(TheatreUnavailableException.class);
            }

            assertThat(metrics.calls()).containsExactly("readSeats failed");
        }

        private TheatreAdapter measuredAdapter() {
            return new RestTheatreAdapterFactory().create(metrics.context(CHAIN), Map.of("base-url", chain.baseUrl()));
        }
    }
}

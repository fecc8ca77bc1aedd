package dev.marquee.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.gateway.catalog.CatalogHolder;
import dev.marquee.gateway.catalog.CatalogSync;
import dev.marquee.gateway.catalog.Show;
import dev.marquee.gateway.integration.ChainRegistry;
import dev.marquee.gateway.payment.WebhookSignature;
import dev.marquee.gateway.testing.CatalogTables;
import dev.marquee.gateway.testing.HoldRequests;
import dev.marquee.spi.Seat;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every write operation (POST, PUT, PATCH, DELETE) of contracts/gateway-api.yaml, driven by the document:
 * each property of its request schema given values of the wrong type, empty, huge and with control
 * characters; whole bodies truncated, deeply nested, not JSON, empty or of another Content-Type; each header
 * parameter and the {@code Authorization: Bearer} credential of an operation that answers 401 malformed; each
 * path parameter malformed. Holds reach a sandbox chain.
 *
 * <p>Pass means: no 5xx; every 4xx a problem, every answer one the document allows (a 2xx its schema, a 400
 * with {@code invalidParams}); a 400 for a malformed property, header or body names it; and after each
 * operation's cases the held and sold seats of the show used are what they were, read from the gateway's
 * {@code holds}/{@code hold_seats} and the chain's {@code seat_claims}. A write the gateway accepts (a value
 * that is odd but allowed) is undone at once: a placed hold is released, a show put in queue mode taken out again.
 */
@MicronautTest(environments = "test", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiWriteFuzzTest implements TestPropertyProvider {
    private static final String CHAIN = "aurora";
    private static final String STAFF_KEY = "staff-key-of-the-fuzzed-venue";
    private static final String OPERATOR_KEY = "operator-key-of-the-fuzz";
    /** Operator operations get the real operator key, so that their bodies and paths are fuzzed past the key check. */
    private static final Set<String> OPERATOR_OPERATIONS = Set.of("queueShow", "openShow", "queueOnSale", "openOnSale");
    private static final String WEBHOOK_SECRET = "whsec_fuzz";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Bodies over the 64 KB limit answer 413; these sit on either side of it. */
    private static final int UNDER_LIMIT = 60_000;
    private static final int OVER_LIMIT = 70_000;
    private static final int DEEP = 10_000;
    /** The problem types the document gives these answers, wherever they come. */
    private static final Map<Integer, String> KINDS = Map.of(413, "payload-too-large", 415, "unsupported-media-type");

    private SandboxTheatre chain;

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;

    private ApiClient api;
    /** The show whose seats the hold cases aim at, and whose seat states must not move. */
    private Show held;
    /** Seats of {@link #held} that a valid hold request of the fuzz names. */
    private List<String> seats;
    /** A real hold on {@link #held}, placed and checked out before the fuzz: bad tokens must neither release nor check it out. */
    private String holdId;
    /** Its booking, waiting for payment: bad tokens must not cancel it either. */
    private String bookingId;
    /** A real waitlist entry on another show, for the same. */
    private String entryId;
    private Show waited;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        chain = SandboxTheatre.builder().seed(73).size("small").chainName("Aurora Cinemas").start();
        Map<String, String> properties = new HashMap<>();
        properties.put("marquee.sync.enabled", "false");
        properties.put("marquee.holds.sweep", "false");
        properties.put("marquee.bookings.sweep", "false");
        properties.put("marquee.waitlist.serve", "false");
        properties.put("marquee.chains." + CHAIN + ".adapter", "rest");
        properties.put("marquee.chains." + CHAIN + ".settings.base-url", chain.baseUrl().toString());
        properties.put("marquee.chains." + CHAIN + ".seat-map-ttl", "0s");
        properties.put("marquee.payments.provider-url", chain.baseUrl().toString());
        properties.put("marquee.payments.webhook-secret", WEBHOOK_SECRET);
        properties.put("marquee.checkin.venues.fuzz.cinema-id", CHAIN + ":1001");
        properties.put("marquee.checkin.venues.fuzz.staff-key", STAFF_KEY);
        properties.put("marquee.operator.key", OPERATOR_KEY);
        return properties;
    }

    @BeforeAll
    void placeARealHoldCheckItOutAndJoinARealWaitlist() {
        context.getBean(CatalogTables.class).clear();
        context.getBean(CatalogSync.class).sync(context.getBean(ChainRegistry.class).chain(CHAIN).orElseThrow());
        CatalogHolder catalog = context.getBean(CatalogHolder.class);
        api = new ApiClient(server.getURL());
        List<Show> shows = HoldRequests.showsOnSale(catalog.current(), Duration.ofHours(2));
        assertThat(shows).hasSizeGreaterThan(2);
        held = shows.get(0);
        waited = shows.get(1);
        List<String> standard = catalog.current().hall(held.hallId()).orElseThrow().layout().seats().stream()
                .filter(s -> s.category().equals("standard")).limit(4).map(Seat::ref).toList();
        ApiClient.Answer hold = api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body(held.id(), standard.subList(0, 2), "first@example.org"));
        assertThat(hold.status()).isEqualTo(201);
        holdId = hold.json().path("holdId").asText();
        ApiClient.Answer booking = api.call("POST", "/api/v1/holds/" + holdId + "/checkout",
                Map.of("Authorization", "Bearer " + hold.json().path("token").asText()), null);
        assertThat(booking.status()).isEqualTo(201);
        bookingId = booking.json().path("bookingId").asText();
        seats = standard.subList(2, 4);
        ApiClient.Answer entry = api.call("POST", "/api/v1/shows/" + waited.id() + "/waitlist", Map.of(),
                "{\"email\":\"waiting@example.org\",\"seatCount\":2}");
        assertThat(entry.status()).isEqualTo(201);
        entryId = entry.json().path("entryId").asText();
    }

    @AfterAll
    void stopChain() {
        if (!accepted.isEmpty()) {
            System.out.println("Writes the gateway accepted during the fuzz (undone):\n  " + String.join("\n  ", accepted));
        }
        if (chain != null) {
            chain.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyWriteOperationAnswersMalformedRequestsWithinTheDocumentAndMovesNoSeat() {
        List<DynamicTest> tests = new ArrayList<>();
        ApiFuzzTest.DOCUMENT.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (!WRITES.contains(method.name())) {
                return;
            }
            Target target = target(path, method.name(), item, operation);
            Seats[] before = new Seats[1];
            tests.add(DynamicTest.dynamicTest(target.name() + ": seats before", () -> before[0] = seatsOfTheHeldShow()));
            for (Case c : cases(target)) {
                tests.add(DynamicTest.dynamicTest(target.name() + " " + c.name(), () -> assertAnsweredWell(target, c)));
            }
            tests.add(DynamicTest.dynamicTest(target.name() + ": seats of the show unchanged",
                    () -> assertThat(seatsOfTheHeldShow()).isEqualTo(before[0])));
        }));
        assertThat(tests).hasSizeGreaterThan(500);
        return tests.stream();
    }

    /**
     * The control run of the seat check: a write the gateway does take (a valid hold, as a case that slipped past a
     * guard would be) is seen in both the gateway's tables and the chain's, and its release returns them as they were.
     */
    @Test
    void theSeatCheckSeesAWriteThatWasTakenAndNotUndone() throws SQLException {
        Seats before = seatsOfTheHeldShow();
        ApiClient.Answer hold = api.call("POST", "/api/v1/holds", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                HoldRequests.body(held.id(), seats, "control@example.org"));
        assertThat(hold.status()).isEqualTo(201);
        Seats during = seatsOfTheHeldShow();
        assertThat(during).isNotEqualTo(before);
        assertThat(during.gatewayHeld()).containsAll(seats);
        assertThat(during.chainClaimed()).containsAll(seats);

        ApiClient.Answer released = api.call("DELETE", "/api/v1/holds/" + hold.json().path("holdId").asText(),
                Map.of("Authorization", "Bearer " + hold.json().path("token").asText()), null);
        assertThat(released.status()).isEqualTo(200);
        assertThat(seatsOfTheHeldShow()).isEqualTo(before);
    }

    // --- the operations, as the document describes them ---

    /** One write operation: where it is, its header parameters, its request schema, and whether it takes a Bearer credential. */
    private record Target(String operationId, String method, String path, List<Parameter> pathParameters,
            List<Parameter> headers, Schema<?> body, boolean bearer) {
        String name() {
            return operationId;
        }
    }

    private static Target target(String path, String method, PathItem item, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        Stream.of(item.getParameters(), operation.getParameters()).filter(Objects::nonNull).forEach(parameters::addAll);
        Schema<?> body = null;
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            body = json == null ? null : resolved(json.getSchema());
        }
        return new Target(operation.getOperationId(), method, path,
                parameters.stream().filter(p -> "path".equals(p.getIn())).toList(),
                parameters.stream().filter(p -> "header".equals(p.getIn())).toList(),
                body, operation.getResponses().containsKey("401"));
    }

    // --- the cases ---

    /**
     * One malformed request. Each part left null is sent valid. {@code names}: what a 400 must name in
     * {@code invalidParams} (any of them), or nothing when the case promises no name.
     */
    private record Case(String name, Map<String, String> pathValues, byte[] body, String contentType,
            Map<String, String> headers, List<String> rawHeaderLines, List<String> names) {
        static Case ofBody(String name, byte[] body, String contentType, List<String> names) {
            return new Case(name, Map.of(), body, contentType, null, null, names);
        }
    }

    private List<Case> cases(Target target) {
        List<Case> cases = new ArrayList<>();
        JsonNode valid = validBody(target);
        if (target.body() != null) {
            propertyCases(cases, target.body(), valid, "");
        }
        wholeBodyCases(cases, valid, target.body() != null);
        headerCases(cases, target);
        pathCases(cases, target);
        return cases;
    }

    /** Each property of the schema (and of its nested objects) given wrong types, odd strings, or left out. */
    private void propertyCases(List<Case> cases, Schema<?> schema, JsonNode valid, String prefix) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, unresolved) -> {
            Schema<?> property = resolved(unresolved);
            String field = prefix + name;
            List<String> names = promisesFieldNames(schema) ? List.of(field, name) : List.of(field, name, "body");
            for (Map.Entry<String, JsonNode> value : malformedValues(property).entrySet()) {
                ObjectNode body = valid.deepCopy();
                ObjectNode parent = parentOf(body, prefix);
                if (value.getValue() == null) {
                    parent.remove(name);
                } else {
                    parent.set(name, value.getValue());
                }
                cases.add(Case.ofBody(field + "=" + value.getKey(), bytes(body), "application/json", names));
            }
            cases.add(Case.ofBody(field + "=" + DEEP + " nested arrays",
                    bytes(valid.toString().replaceFirst("\"" + name + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|[0-9]+|\\{[^}]*\\})",
                            "\"" + name + "\":" + nested(DEEP))), "application/json",
                    // deeper than the parser reads: the body as a whole is refused, before any field is looked at
                    List.of(field, name, "body")));
            if ("object".equals(property.getType())) {
                propertyCases(cases, property, valid, field + ".");
            }
        });
    }

    /** Whether the schema's description says a 400 names each field at fault (a nested schema inherits its parent's promise only if it says so). */
    private static boolean promisesFieldNames(Schema<?> schema) {
        return schema.getDescription() != null && schema.getDescription().contains("names each one at fault");
    }

    private static ObjectNode parentOf(ObjectNode body, String prefix) {
        ObjectNode parent = body;
        for (String step : prefix.isEmpty() ? new String[0] : prefix.substring(0, prefix.length() - 1).split("\\.")) {
            parent = (ObjectNode) parent.get(step);
        }
        return parent;
    }

    /** By a short label: values of every JSON type but the property's own, and odd values of its own type; null leaves it out. */
    private static Map<String, JsonNode> malformedValues(Schema<?> property) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String type = property.getType() == null ? "object" : property.getType();
        values.put("(absent)", null);
        values.put("null", NODES.nullNode());
        if (!"string".equals(type)) {
            values.put("\"\"", NODES.textNode(""));
            values.put("\"abc\"", NODES.textNode("abc"));
            values.put("\"" + "x".repeat(3) + "…(" + UNDER_LIMIT + ")\"", NODES.textNode("x".repeat(UNDER_LIMIT)));
        }
        if (!"integer".equals(type) && !"number".equals(type)) {
            values.put("1", NODES.numberNode(1));
            values.put("-1.5", NODES.numberNode(-1.5));
        }
        if (!"boolean".equals(type)) {
            values.put("true", NODES.booleanNode(true));
        }
        if (!"object".equals(type)) {
            values.put("{}", NODES.objectNode());
            values.put("{\"a\":1}", NODES.objectNode().put("a", 1));
        }
        if (!"array".equals(type)) {
            values.put("[]", NODES.arrayNode());
            values.put("[\"x\"]", NODES.arrayNode().add("x"));
        }
        switch (type) {
            case "string" -> stringValues().forEach((label, s) -> values.put(label, NODES.textNode(s)));
            case "integer", "number" -> {
                values.put("\"2\"", NODES.textNode("2"));
                values.put("2.5", NODES.numberNode(2.5));
                values.put("-1", NODES.numberNode(-1));
                values.put("0", NODES.numberNode(0));
                values.put("2147483648", NODES.numberNode(2147483648L));
                values.put("1e309", NODES.rawValueNode(new com.fasterxml.jackson.databind.util.RawValue("1e309")));
                values.put("99999999999999999999", NODES.numberNode(new java.math.BigInteger("99999999999999999999")));
            }
            case "array" -> {
                values.put("\"F12\"", NODES.textNode("F12"));
                values.put("[1]", NODES.arrayNode().add(1));
                values.put("[null]", NODES.arrayNode().addNull());
                values.put("[[]]", NODES.arrayNode().add(NODES.arrayNode()));
                values.put("[{}]", NODES.arrayNode().add(NODES.objectNode()));
                values.put("[true]", NODES.arrayNode().add(true));
                stringValues().forEach((label, s) -> values.put("[" + label + "]", NODES.arrayNode().add(s)));
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < DEEP; i++) {
                    many.add("A" + i);
                }
                values.put("[" + DEEP + " items]", many);
            }
            default -> {
            }
        }
        return values;
    }

    /** Odd strings by a short label: empty, blank, huge (under and over the body limit), control characters, markup. */
    private static Map<String, String> stringValues() {
        Map<String, String> values = new LinkedHashMap<>();
        Stream.of("", " ", "\u0000", "a\u0007b", "\u001b[31mred", "line\r\nX-Injected: 1", "\ud800", "🎬🍿", "'\"<script>",
                "x".repeat(3_000), "x".repeat(UNDER_LIMIT), "x".repeat(OVER_LIMIT))
                .forEach(value -> values.put(ApiFuzzTest.shown(NODES.textNode(value).toString()), value));
        return values;
    }

    /** Bodies that are not the schema's object at all: not JSON, truncated, deeply nested, empty, too large, or of another type. */
    private void wholeBodyCases(List<Case> cases, JsonNode valid, boolean takesBody) {
        List<String> body = takesBody ? List.of("body") : List.of();
        Map<String, String> texts = new LinkedHashMap<>();
        String[][] labelled = {
            {"empty", ""},
            {"blank", " \r\n\t"},
            {"null", "null"},
            {"true", "true"},
            {"42", "42"},
            {"a string", "\"showId\""},
            {"an array", "[]"},
            {"an array of the object", "[" + valid + "]"},
            {"not JSON", "hold two seats please"},
            {"XML", "<hold><showId>aurora:1</showId></hold>"},
            {"a form", "showId=aurora%3A1&email=a%40b.c"},
            {"NaN", "{\"a\":NaN}"},
            {"a comment", "/* c */" + valid},
            {"trailing garbage", valid + "}}"},
            {"two objects", valid + " " + valid},
            {"a duplicate key", valid.toString().replaceFirst("\\{", "{\"a\":1,\"a\":2,")},
            {"a byte order mark", "\uFEFF" + valid},
            {DEEP + " nested arrays", nested(DEEP)},
            {DEEP + " nested objects", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP)},
            {"over the size limit", "{\"pad\":\"" + "x".repeat(OVER_LIMIT) + "\"}"}};
        for (String[] text : labelled) {
            texts.put(text[0], text[1]);
        }
        String whole = valid.toString();
        for (int length = 1; length < whole.length(); length += Math.max(1, whole.length() / 12)) {
            texts.put("truncated to " + length, whole.substring(0, length));
        }
        texts.forEach((label, text) -> cases.add(Case.ofBody("body " + label, text.getBytes(StandardCharsets.UTF_8), "application/json",
                notJson(text) ? body : List.of())));
        cases.add(Case.ofBody("body of invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                "application/json", List.of()));
        cases.add(Case.ofBody("body in UTF-16", whole.getBytes(StandardCharsets.UTF_16), "application/json", List.of()));
        for (String contentType : new String[] {null, "", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/problem+json", "*/*", "garbage",
                "application/json\u0000"}) {
            if (contentType != null && contentType.indexOf('\u0000') >= 0) {
                continue; // sent raw below, with the other control characters
            }
            cases.add(Case.ofBody("Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'"), bytes(valid), contentType,
                    List.of()));
        }
    }

    /** Each header parameter, and the Bearer credential where the operation answers 401, malformed; control characters sent raw. */
    private void headerCases(List<Case> cases, Target target) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        target.headers().forEach(h -> headers.put(h.getName(), List.of(h.getName())));
        if (target.bearer()) {
            headers.put("Authorization", List.of());
        }
        headers.forEach((header, names) -> {
            for (String value : headerValues(header)) {
                Map<String, String> sent = new HashMap<>();
                if (value != null) {
                    sent.put(header, value);
                }
                cases.add(new Case(header + "=" + (value == null ? "(absent)" : ApiFuzzTest.shown(value)), Map.of(), null, null, sent, null,
                        names));
            }
            for (String value : List.of("\u0000", "a\u0001b", "\u001b[31m", "tab\there", "\u007f", "\u00ff\u00fe", "a\rb", "é", "🎬")) {
                String line = header + ": " + ("Authorization".equals(header) ? "Bearer " : "") + value;
                cases.add(new Case(header + " raw " + ApiFuzzTest.shown(value), Map.of(), null, null, null, List.of(line), List.of()));
            }
        });
        cases.add(new Case("a header line that is not one", Map.of(), null, null, null, List.of("no colon here"), List.of()));
        cases.add(new Case("a header of 20000 characters", Map.of(), null, null, null, List.of("X-Padding: " + "x".repeat(20_000)), List.of()));
    }

    private static List<String> headerValues(String header) {
        List<String> values = new ArrayList<>(Arrays.asList(null, "", " ", "abc", "x".repeat(255), "x".repeat(256),
                "x".repeat(5_000)));
        if ("Authorization".equals(header)) {
            values.addAll(List.of("Bearer", "Bearer ", "Bearer    ", "bearer not-a-token", "BEARER not-a-token", "Basic dXNlcjpwYXNz",
                    "Token not-a-token", "Bearer not-a-token", "Bearer a b", "Bearer " + "t".repeat(43), "Bearer " + "t".repeat(5_000),
                    "Bearer x, Bearer y"));
        } else {
            values.addAll(List.of("t=1,v1=00", "t=abc,v1=zz", "t=" + Long.MAX_VALUE + ",v1=", "t=-1,v1=" + "0".repeat(64), "v1=,t=",
                    ",,,", "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64)));
        }
        return values;
    }

    private void pathCases(List<Case> cases, Target target) {
        for (Parameter parameter : target.pathParameters()) {
            for (String value : ApiFuzzTest.MALFORMED) {
                cases.add(new Case(parameter.getName() + "=" + ApiFuzzTest.shown(value), Map.of(parameter.getName(), value), null, null,
                        null, null, List.of()));
            }
        }
    }

    // --- sending a case, judging its answer ---

    private void assertAnsweredWell(Target target, Case c) {
        String path = path(target, c.pathValues());
        byte[] body = c.body() != null ? c.body() : bytes(validBody(target));
        String contentType = c.body() != null ? c.contentType() : "application/json";
        ApiClient.Answer answer;
        if (c.rawHeaderLines() != null) {
            List<String> lines = new ArrayList<>(c.rawHeaderLines());
            lines.add("Content-Type: application/json");
            validHeaders(target, body).forEach((name, value) -> {
                if (c.rawHeaderLines().stream().noneMatch(l -> l.startsWith(name + ":"))) {
                    lines.add(name + ": " + value);
                }
            });
            answer = api.probeRaw(target.method(), path, lines, body);
        } else {
            Map<String, String> headers = new HashMap<>(validHeaders(target, body));
            if (c.headers() != null) {
                // Only the header under test is malformed (or left out); the operation's other headers stay valid.
                Set<String> replaced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                replaced.addAll(c.headers().keySet());
                replaced.addAll(c.names());
                headers.keySet().removeIf(replaced::contains);
                headers.putAll(c.headers());
            }
            answer = api.probe(target.method(), path, headers, contentType, body);
        }
        String what = target.method() + " " + path + " (" + c.name() + ") -> " + answer.status() + " " + answer.body();
        assertThat(answer.status()).as(what).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.isProblem()).as(what).isTrue();
        }
        try {
            api.judge(target.method(), path, answer);
        } catch (AssertionError e) {
            throw new AssertionError(c.name() + ": " + e.getMessage(), e);
        }
        if (KINDS.containsKey(answer.status())) {
            assertThat(answer.json().path("type").asText()).as(what).endsWith("/" + KINDS.get(answer.status()));
        }
        if (answer.status() == 400 && !c.names().isEmpty()) {
            assertThat(answer.invalidParamNames()).as(what).anySatisfy(name -> assertThat(c.names()).anySatisfy(
                    expected -> assertThat(name).startsWith(expected)));
        }
        if (answer.status() < 300) {
            undo(target, c, answer);
        }
    }

    /** A write the gateway took (a value odd but allowed) is undone, so that only refused writes are judged by the seats. */
    private void undo(Target target, Case c, ApiClient.Answer answer) {
        accepted.add(target.name() + " " + c.name() + " -> " + answer.status());
        if ("placeHold".equals(target.operationId())) {
            JsonNode hold = answer.json();
            ApiClient.Answer released = api.call("DELETE", "/api/v1/holds/" + hold.path("holdId").asText(),
                    Map.of("Authorization", "Bearer " + hold.path("token").asText()), null);
            assertThat(released.status()).isEqualTo(200);
        }
        if ("queueShow".equals(target.operationId()) || "queueOnSale".equals(target.operationId())) {
            JsonNode mode = answer.json();
            String scope = "show".equals(mode.path("scope").asText()) ? "shows" : "movies";
            ApiClient.Answer opened = api.call("DELETE", "/api/v1/operator/queues/" + scope + "/" + ApiFuzzTest.encode(mode.path("id").asText()),
                    Map.of("Authorization", "Bearer " + OPERATOR_KEY), null);
            assertThat(opened.status()).isEqualTo(204);
        }
    }

    /**
     * What the operation needs to get past its headers: a fresh key, a signature of the body, a credential (the staff and
     * operator keys, so that their operations are fuzzed past the key check; never a hold's or booking's real token).
     */
    private Map<String, String> validHeaders(Target target, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (Parameter header : target.headers()) {
            switch (header.getName()) {
                case "Idempotency-Key" -> headers.put(header.getName(), UUID.randomUUID().toString());
                case WebhookSignature.HEADER -> headers.put(header.getName(), WebhookSignature.sign(WEBHOOK_SECRET, Instant.now(), body));
                default -> headers.put(header.getName(), String.valueOf(header.getSchema().getExample()));
            }
        }
        if (target.bearer()) {
            headers.put("Authorization", "Bearer " + credential(target));
        }
        return headers;
    }

    private static String credential(Target target) {
        if ("checkIn".equals(target.operationId())) {
            return STAFF_KEY;
        }
        return OPERATOR_OPERATIONS.contains(target.operationId()) ? OPERATOR_KEY : "not-the-token-" + UUID.randomUUID();
    }

    private String path(Target target, Map<String, String> fuzzed) {
        String path = target.path();
        for (Parameter parameter : target.pathParameters()) {
            String value = fuzzed.getOrDefault(parameter.getName(), realId(parameter));
            path = path.replace("{" + parameter.getName() + "}", ApiFuzzTest.encode(value));
        }
        return path;
    }

    private String realId(Parameter parameter) {
        return switch (parameter.getName()) {
            case "holdId" -> holdId;
            case "entryId" -> entryId;
            case "bookingId" -> bookingId;
            case "showId" -> waited.id();
            default -> String.valueOf(parameter.getSchema().getExample());
        };
    }

    /** A body the operation would take, from the document's examples and the real show and seats. */
    private JsonNode validBody(Target target) {
        if (target.body() == null) {
            return NODES.objectNode();
        }
        ObjectNode body = (ObjectNode) example(target.body());
        switch (target.operationId()) {
            case "placeHold" -> {
                body.put("showId", held.id());
                body.set("seatIds", JSON.valueToTree(seats));
                body.put("email", "fuzz@example.org");
            }
            case "paymentWebhook" -> {
                body.put("id", "evt_fuzz");
                body.put("type", "payment.failed");
                ((ObjectNode) body.get("data")).put("paymentId", "pay_fuzz");
            }
            case "checkIn" -> body.put("qrPayload", "MQT1.AAAA.BBBB");
            default -> {
            }
        }
        return body;
    }

    private static JsonNode example(Schema<?> schema) {
        String type = schema.getType() == null ? "object" : schema.getType();
        return switch (type) {
            case "object" -> {
                ObjectNode node = NODES.objectNode();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((name, property) -> node.set(name, example(resolved(property))));
                }
                yield node;
            }
            case "array" -> NODES.arrayNode().add(example(resolved(schema.getItems())));
            case "integer", "number" -> NODES.numberNode(schema.getExample() == null ? 1 : ((Number) schema.getExample()).intValue());
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.textNode(schema.getExample() != null ? schema.getExample().toString()
                    : "date-time".equals(schema.getFormat()) ? Instant.now().toString() : "x");
        };
    }

    /** The schema a {@code $ref} names in the document's components, or the schema itself. */
    private static Schema<?> resolved(Schema<?> schema) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return resolved(ApiFuzzTest.DOCUMENT.getComponents().getSchemas().get(name));
    }

    // --- the seats, from the tables ---

    /** The held and sold seats of the show, as the gateway's tables and the chain's own say. */
    private record Seats(Set<String> gatewayHeld, Set<String> chainClaimed) {
    }

    private Seats seatsOfTheHeldShow() throws SQLException {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        Set<String> gateway = transactions.executeRead(status -> query(status.getConnection(),
                "SELECT s.seat_id FROM holds h JOIN hold_seats s ON s.hold_id = h.id WHERE h.show_id = ? AND h.status IN ('HELD', 'BOOKED')",
                held.id()));
        Set<String> claimed;
        try (Connection connection = DriverManager.getConnection(chain.jdbcUrl(), "postgres", "")) {
            claimed = query(connection, "SELECT seat_id FROM seat_claims WHERE show_id = ?", held.ref());
        }
        assertThat(gateway).as("the fuzz's own hold is in the gateway's tables").isNotEmpty();
        assertThat(claimed).as("and at the chain").containsAll(gateway);
        return new Seats(gateway, claimed);
    }

    private static Set<String> query(Connection connection, String sql, String showId) throws SQLException {
        Set<String> seatIds = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, showId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    seatIds.add(rows.getString(1));
                }
            }
        }
        return seatIds;
    }

    // --- small things ---

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static boolean notJson(String text) {
        try {
            JSON.readTree(text);
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static byte[] bytes(Object body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}

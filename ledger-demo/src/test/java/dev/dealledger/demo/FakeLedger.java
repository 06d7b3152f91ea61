package dev.dealledger.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dealledger.api.Direction;
import dev.dealledger.api.problem.Problem;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Both services in one JDK HttpServer on a loopback port, answering just enough of the OpenAPI contract for the demo: writes get a
 * receipt (or the stored one again for a repeated Idempotency-Key and body, or 409 for another body), reads get canned
 * views. Every request is recorded, and tests can replace how writes or reads are answered.
 */
final class FakeLedger implements AutoCloseable {

    static {
        // Without it the JDK server's separate header and body writes meet delayed ACKs: about 40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Receipts are stamped from here, one second apart, so they are easy to predict. */
    static final Instant FIRST_RECORDED = Instant.parse("2026-05-01T10:00:00Z");

    static final String AMENDMENT_PAYLOAD_ID = ExampleHistory.AMENDMENT;

    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        boolean isWrite() {
            return !method.equals("GET");
        }
    }

    record Answer(int status, String contentType, String body, Map<String, String> headers) {}

    /** Writes the service's own view records and problems as the services do: ISO-8601 dates and instants. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final ObjectMapper json = JSON;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> fingerprints = new HashMap<>();
    private final Map<String, Answer> stored = new HashMap<>();
    private final AtomicLong position = new AtomicLong();

    /** Decides the answer to a write before the fake's own idempotency handling; null means "answer normally". */
    volatile Function<Request, Answer> writeOverride = request -> null;

    volatile Function<Request, Answer> readOverride = request -> null;

    /** What GET totals answers as committed for asOf 2026-04-01, the demo's check. */
    volatile String committedAfterFact4 = "35450000000.00";

    /** What GET totals answers as committed for asOf 2026-01-31 known at the amendment or later. */
    volatile String committedKnownAfterAmendment = "14450000000.00";

    static final String PERIOD_DIGEST = "0f".repeat(32);

    /** What a close answers as its digest; the period read serves {@link #PERIOD_DIGEST}. */
    volatile String closeDigest = PERIOD_DIGEST;

    /** Whether the restatement names the amendment among its causes. */
    volatile boolean restatementNamesAmendment = true;

    FakeLedger() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A demo against this fake, printing into {@code out}, whose clock reads {@code now}. */
    Demo demo(ByteArrayOutputStream out, Instant now) {
        return demo(out, now, Duration.ofSeconds(5));
    }

    Demo demo(ByteArrayOutputStream out, Instant now, Duration patience) {
        return new Demo(
                new LedgerClient(base(), base(), patience, "test-token"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> writes() {
        return requests.stream().filter(Request::isWrite).toList();
    }

    List<Request> reads() {
        return requests.stream().filter(r -> !r.isWrite()).toList();
    }

    List<Request> reads(String path) {
        return reads().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many facts the fake has recorded (replays and refusals record none). */
    long recordedFacts() {
        return position.get();
    }

    static Answer problem(int status, String slug, String detail) {
        String body;
        try {
            body = JSON.writeValueAsString(Problem.of(slug, slug.replace('-', ' '), status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Answer(status, Problem.MEDIA_TYPE, body, Map.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = read(exchange);
            requests.add(request);
            Answer answer = request.isWrite() ? write(request) : read(request);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            // Surfaces as an HTTP failure in the demo and as a stack trace in the test log.
            e.printStackTrace();
            throw e;
        }
    }

    private static Request read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, headers, body);
    }

    private synchronized Answer write(Request request) {
        Answer override = writeOverride.apply(request);
        if (override != null) {
            return override;
        }
        String key = request.header(LedgerClient.IDEMPOTENCY_KEY);
        String fingerprint = request.method() + " " + request.path() + "\n" + request.body();
        if (key != null && stored.containsKey(key)) {
            if (!fingerprints.get(key).equals(fingerprint)) {
                return problem(409, "idempotency-key-reused", "this Idempotency-Key was already used");
            }
            return stored.get(key);
        }
        long p = position.incrementAndGet();
        ObjectNode receipt = json.createObjectNode();
        receipt.put("version", 1);
        receipt.put("recordedAt", FIRST_RECORDED.plusSeconds(p - 1).toString());
        receipt.put("position", p);
        if (request.path().endsWith("/close")) {
            // A close answers the digest of the figures it recorded, the one the period read serves.
            receipt.put("closedAt", FIRST_RECORDED.plusSeconds(p - 2).toString());
            receipt.put("digestEncoding", "dealledger-period-close/1");
            receipt.put("digest", closeDigest);
        }
        Answer answer = new Answer(
                request.method().equals("PUT") ? 200 : 201,
                "application/json",
                receipt.toString(),
                Map.of(LedgerClient.POSITION, Long.toString(p)));
        if (key != null) {
            fingerprints.put(key, fingerprint);
            stored.put(key, answer);
        }
        return answer;
    }

    private Answer read(Request request) {
        Answer override = readOverride.apply(request);
        if (override != null) {
            return override;
        }
        LocalDate asOf = request.query().containsKey("asOf")
                ? LocalDate.parse(request.query().get("asOf"))
                : null;
        Instant knownAt = request.query().containsKey("knownAt")
                ? Instant.parse(request.query().get("knownAt"))
                : Instant.parse("2026-06-01T00:00:00Z");
        Object view;
        switch (request.path()) {
            case "/api/v1/exposure" ->
                view = exposure(asOf, knownAt, request.query().get("cursor"));
            case "/api/v1/counterparties/coreweave/schedule" -> view = schedule(asOf, knownAt);
            case "/api/v1/counterparties/coreweave/totals" -> view = totals(asOf, knownAt);
            case "/api/v1/restatements" -> view = restatement(request.query());
            case "/api/v1/disclosures/obligations" -> view = disclosure(asOf, knownAt);
            case "/api/v1/periods/" + ExampleHistory.CLOSED_PERIOD -> view = period(knownAt);
            default -> {
                return problem(404, "not-found", "the fake has no " + request.path());
            }
        }
        try {
            return new Answer(200, "application/json", json.writeValueAsString(view), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two pages, so the demo must follow nextCursor to print both counterparties. */
    private static ExposureView exposure(LocalDate asOf, Instant knownAt, String cursor) {
        if (cursor == null) {
            return new ExposureView(
                    asOf,
                    knownAt,
                    List.of(new ExposureRowView(
                            "coreweave",
                            "CoreWeave, Inc.",
                            "USD",
                            Direction.PAYABLE,
                            "35450000000.00",
                            "3572978632.37",
                            "31877021367.63",
                            "0.00",
                            "31877021367.63",
                            "0.974028",
                            2,
                            3,
                            0,
                            1,
                            1)),
                    "page-2");
        }
        return new ExposureView(
                asOf,
                knownAt,
                List.of(new ExposureRowView(
                        "northwind-compute",
                        "Northwind Compute Ltd. (fictional)",
                        "USD",
                        Direction.PAYABLE,
                        "1800000000.00",
                        "950000000.00",
                        "850000000.00",
                        "0.00",
                        "850000000.00",
                        "0.025972",
                        1,
                        1,
                        0,
                        0,
                        0)),
                null);
    }

    /** The closed quarter: reported before the backdated amendment, restated with it, which is its one adjustment. */
    private PeriodView period(Instant knownAt) {
        PeriodView.Row reported = new PeriodView.Row(
                "coreweave",
                "USD",
                Direction.PAYABLE,
                "35200000000.00",
                "1000000000.00",
                "34200000000.00",
                "0.00",
                "34200000000.00",
                "1.000000",
                2,
                3,
                0,
                1,
                0);
        PeriodView.Row restated = new PeriodView.Row(
                "coreweave",
                "USD",
                Direction.PAYABLE,
                "35450000000.00",
                "1010000000.00",
                "34440000000.00",
                "0.00",
                "34440000000.00",
                "1.000000",
                2,
                3,
                0,
                1,
                1);
        PeriodView.Adjustment amendment = new PeriodView.Adjustment(
                9,
                "backdated-amendment",
                "coreweave",
                ExampleHistory.COREWEAVE_DEAL_2025,
                "CommitmentAmendedEvent",
                LocalDate.of(2026, 1, 1),
                FIRST_RECORDED.plusSeconds(30),
                "demo",
                "illustrative correction",
                null,
                json.createObjectNode().put("amendmentId", ExampleHistory.AMENDMENT),
                List.of(new PeriodView.Effect("coreweave", "USD", Direction.PAYABLE, "committed", "250000000.00")));
        return new PeriodView(
                LocalDate.parse(ExampleHistory.CLOSED_PERIOD),
                FIRST_RECORDED.plusSeconds(28),
                FIRST_RECORDED.plusSeconds(29),
                8,
                "demo",
                "Q1 2026 close (illustrative)",
                "dealledger-period-close/1",
                PERIOD_DIGEST,
                knownAt,
                List.of(reported),
                List.of(restated),
                List.of(amendment),
                null);
    }

    /** A disclosure whose two shapes add up to its total, as the service's do. */
    private static DisclosureView disclosure(LocalDate asOf, Instant knownAt) {
        List<DisclosureView.FiscalYearAmount> years = new ArrayList<>();
        for (int year = 2027; year <= 2031; year++) {
            years.add(new DisclosureView.FiscalYearAmount(year, "5000000000.00"));
        }
        return new DisclosureView(
                Direction.PAYABLE,
                null,
                "USD",
                asOf,
                knownAt,
                "12-31",
                List.of(new DisclosureView.Row(
                        "USD",
                        years,
                        "3000000000.00",
                        new DisclosureView.Bands("5000000000.00", "10000000000.00", "10000000000.00", "3000000000.00"),
                        "28000000000.00")),
                null);
    }

    /** Deliberately sparse: only the years 2026 to 2031, so the demo must fill 2025 and 2032 itself. */
    private static ScheduleView schedule(LocalDate asOf, Instant knownAt) {
        List<ScheduleView.Row> rows = new ArrayList<>();
        for (int year = 2026; year <= 2031; year++) {
            rows.add(new ScheduleView.Row("USD", Direction.PAYABLE, year, "1000000000.00"));
        }
        return new ScheduleView("coreweave", asOf, knownAt, rows);
    }

    private CounterpartyTotalsView totals(LocalDate asOf, Instant knownAt) {
        // The backdated amendment is the last write, so a fresh fake records it at the last of these instants.
        Instant amended = FIRST_RECORDED.plusSeconds(ExampleHistory.writes().size() - 1);
        boolean knowsAmendment = knownAt == null || !knownAt.isBefore(amended);
        String committed = asOf.equals(LocalDate.of(2026, 4, 1))
                ? committedAfterFact4
                : knowsAmendment ? committedKnownAfterAmendment : "14200000000.00";
        return new CounterpartyTotalsView(
                "coreweave",
                "CoreWeave, Inc.",
                asOf,
                knownAt,
                List.of(new TotalsRowView(
                        "USD",
                        Direction.PAYABLE,
                        committed,
                        "757333333.32",
                        "13442666666.68",
                        "6000000000.00",
                        "19442666666.68",
                        "0.911821",
                        1,
                        1,
                        1,
                        0,
                        0)));
    }

    private RestatementView restatement(Map<String, String> query) {
        Instant from = Instant.parse(query.get("from"));
        Instant to = Instant.parse(query.get("to"));
        ObjectNode payload = json.createObjectNode();
        payload.put("amendmentId", restatementNamesAmendment ? AMENDMENT_PAYLOAD_ID : "some-other-amendment");
        return new RestatementView(
                query.get("counterpartyId"),
                LocalDate.parse(query.get("asOf")),
                from,
                to,
                to,
                List.of(new RestatementView.Change(
                        "USD",
                        Direction.PAYABLE,
                        "committed",
                        "14200000000.00",
                        "14450000000.00",
                        List.of(24L),
                        List.of(new RestatementView.BridgeLine("backdated-amendment", "250000000.00")))),
                List.of(new RestatementView.Cause(
                        24,
                        "backdated-amendment",
                        "coreweave",
                        "of-2025-09",
                        "CommitmentAmendedEvent",
                        LocalDate.of(2026, 1, 1),
                        to,
                        "local-operator",
                        "illustrative correction",
                        null,
                        payload)));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

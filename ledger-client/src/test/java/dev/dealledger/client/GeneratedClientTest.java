package dev.dealledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dealledger.client.command.api.DealsApi;
import dev.dealledger.client.command.model.CommitmentRequest;
import dev.dealledger.client.command.model.DealRequest;
import dev.dealledger.client.command.model.WriteReceipt;
import dev.dealledger.client.query.api.CounterpartiesApi;
import dev.dealledger.client.query.api.ExposureApi;
import dev.dealledger.client.query.model.CounterpartyTotalsView;
import dev.dealledger.client.query.model.DealHistoryView;
import dev.dealledger.client.query.model.HistoryFact;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated client against a local stand-in server that records what it receives: the headers the contract
 * defines (Idempotency-Key, If-Match, X-Ledger-Min-Position, Authorization) travel as headers, money travels as JSON
 * strings, dates as ISO-8601, and a problem+json answer comes back as a typed problem.
 */
class GeneratedClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>();

    record Received(String method, String uri, com.sun.net.httpserver.Headers headers, String body) {}

    record Answer(int status, String contentType, String body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (received) {
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(),
                    body));
        }
        Answer a = answer.get();
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", a.contentType());
        exchange.sendResponseHeaders(a.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void a_write_sends_its_idempotency_key_if_match_and_bearer_token_as_headers_and_money_as_a_string()
            throws Exception {
        answer.set(new Answer(
                201,
                "application/json",
                "{\"dealId\":\"of-2025-09\",\"commitmentId\":\"cmt-blackwell-2025\",\"version\":1,"
                        + "\"recordedAt\":\"2025-09-30T15:00:01.204Z\",\"position\":241}"));
        DealsApi deals = new DealsApi(LedgerClients.command(baseUrl() + "/", () -> "token-1"));

        WriteReceipt receipt = deals.recordCommitment(
                "of-2025-09",
                new CommitmentRequest()
                        .commitmentId("cmt-blackwell-2025")
                        .amount("14200000000.00")
                        .termStart(LocalDate.parse("2025-10-01"))
                        .termEnd(LocalDate.parse("2031-12-31"))
                        .resource("Nvidia Blackwell GPU capacity")
                        .effectiveDate(LocalDate.parse("2025-09-30")),
                "key-1",
                LedgerClients.ifMatch(0));

        assertThat(receipt.getPosition()).isEqualTo(241L);
        assertThat(receipt.getVersion()).isEqualTo(1L);
        assertThat(receipt.getRecordedAt()).isEqualTo(OffsetDateTime.parse("2025-09-30T15:00:01.204Z"));
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/api/v1/deals/of-2025-09/commitments");
        assertThat(r.headers().getFirst("Idempotency-Key")).isEqualTo("key-1");
        assertThat(r.headers().getFirst("If-Match")).isEqualTo("\"0\"");
        assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer token-1");
        assertThat(r.headers().getFirst("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("amount").isTextual()).isTrue();
        assertThat(body.get("amount").asText()).isEqualTo("14200000000.00");
        assertThat(body.get("termStart").asText()).isEqualTo("2025-10-01");
        // Optional fields left unset are left out, as the strict command service requires.
        assertThat(body.has("reason")).isFalse();
        assertThat(body.has("sourceReference")).isFalse();
    }

    @Test
    void a_read_sends_as_of_known_at_and_min_position_and_no_authorization_without_a_token() throws Exception {
        answer.set(new Answer(
                200,
                "application/json",
                "{\"counterpartyId\":\"coreweave\",\"legalName\":\"CoreWeave, Inc.\",\"asOf\":\"2025-12-31\","
                        + "\"knownAt\":\"2026-01-15T00:00:00Z\",\"totals\":[{\"currency\":\"USD\","
                        + "\"direction\":\"PAYABLE\",\"committed\":\"14200000000.00\",\"elapsed\":\"567999999.99\","
                        + "\"remaining\":\"13632000000.01\",\"potential\":\"6000000000.00\","
                        + "\"exposure\":\"19632000000.01\",\"concentration\":\"1.000000\",\"deals\":1,"
                        + "\"commitments\":1,\"optionsOpen\":1,\"optionsExercised\":0,\"amendments\":0,"
                        + "\"aFieldAddedLater\":true}]}"));
        CounterpartiesApi counterparties = new CounterpartiesApi(LedgerClients.query(baseUrl(), () -> null));

        CounterpartyTotalsView totals = counterparties.getCounterpartyTotals(
                "coreweave",
                LocalDate.parse("2025-12-31"),
                OffsetDateTime.parse("2026-01-15T00:00:00Z"),
                null, // reportingCurrency
                241L);

        assertThat(totals.getTotals()).singleElement().satisfies(row -> {
            assertThat(row.getCommitted()).isEqualTo("14200000000.00");
            assertThat(row.getDirection()).isEqualTo(dev.dealledger.client.query.model.Direction.PAYABLE);
        });
        Received r = received.get(0);
        assertThat(r.uri())
                .isEqualTo("/api/v1/counterparties/coreweave/totals?asOf=2025-12-31&knownAt=2026-01-15T00%3A00%3A00Z");
        assertThat(r.headers().getFirst("X-Ledger-Min-Position")).isEqualTo("241");
        assertThat(r.headers().containsKey("Authorization")).isFalse();
    }

    @Test
    void a_problem_answer_arrives_as_a_typed_problem() {
        answer.set(new Answer(
                422,
                "application/problem+json",
                "{\"type\":\"https://dealledger.dev/problems/validation\",\"title\":\"Invalid request values\","
                        + "\"status\":422,\"detail\":\"the request has invalid values\","
                        + "\"errors\":[{\"field\":\"amount\",\"message\":\"must be a decimal string\"}]}"));
        DealsApi deals = new DealsApi(LedgerClients.command(baseUrl()));

        assertThatThrownBy(() -> deals.recordCommitment(
                        "of-2025-09",
                        new CommitmentRequest()
                                .commitmentId("c")
                                .amount("1.5e3")
                                .termStart(LocalDate.parse("2025-10-01"))
                                .termEnd(LocalDate.parse("2031-12-31"))
                                .resource("GPU")
                                .effectiveDate(LocalDate.parse("2025-09-30")),
                        null,
                        null))
                .isInstanceOfSatisfying(dev.dealledger.client.command.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    var problem = LedgerProblems.of(e).orElseThrow();
                    assertThat(problem.getType()).hasToString("https://dealledger.dev/problems/validation");
                    assertThat(problem.getTitle()).isEqualTo("Invalid request values");
                    assertThat(problem.getStatus()).isEqualTo(422);
                    assertThat(problem.getDetail()).isEqualTo("the request has invalid values");
                    assertThat(problem.getErrors())
                            .singleElement()
                            .satisfies(f -> assertThat(f.getField()).isEqualTo("amount"));
                });
        assertThat(received.get(0).headers().containsKey("Idempotency-Key")).isFalse();
        assertThat(received.get(0).headers().containsKey("If-Match")).isFalse();
    }

    @Test
    void an_answer_that_is_not_a_problem_yields_no_problem() {
        answer.set(new Answer(502, "text/html", "<html>bad gateway</html>"));
        CounterpartiesApi counterparties = new CounterpartiesApi(LedgerClients.query(baseUrl()));

        assertThatThrownBy(() -> counterparties.getCounterpartyTotals("coreweave", null, null, null, null))
                .isInstanceOfSatisfying(dev.dealledger.client.query.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(502);
                    assertThat(LedgerProblems.of(e)).isEmpty();
                });
    }

    @Test
    void the_reads_that_can_also_answer_csv_ask_for_json_only() throws Exception {
        answer.set(new Answer(
                200, "application/json", "{\"asOf\":\"2026-12-31\",\"knownAt\":\"2026-05-01T00:00:00Z\",\"rows\":[]}"));

        new ExposureApi(LedgerClients.query(baseUrl())).listExposure(null, null, null, null, null, 10, null, null);
        // Built without LedgerClients, the generated client lists every media type the operation declares.
        new ExposureApi(new dev.dealledger.client.query.ApiClient(
                        dev.dealledger.client.query.ApiClient.createDefaultHttpClientBuilder(),
                        dev.dealledger.client.query.ApiClient.createDefaultObjectMapper(),
                        baseUrl()))
                .listExposure(null, null, null, null, null, 10, null, null);

        assertThat(received.get(0).uri()).isEqualTo("/api/v1/exposure?limit=10");
        assertThat(received.get(0).headers().get("Accept"))
                .containsExactly("application/json, application/problem+json");
        assertThat(received.get(1).headers().getFirst("Accept")).contains("text/csv");
    }

    @Test
    void the_source_document_hash_travels_with_a_write_and_comes_back_in_the_history() throws Exception {
        String sha256 = "d80833ae0113ba7762445930c322429c63334791e520f02efa8f060c12b7fcbc";
        answer.set(new Answer(
                201,
                "application/json",
                "{\"dealId\":\"of-2025-09\",\"agreementId\":\"msa-2023\",\"version\":0,"
                        + "\"recordedAt\":\"2025-09-30T15:00:00.031Z\",\"position\":240,\"committedThrough\":240}"));
        new DealsApi(LedgerClients.command(baseUrl()))
                .recordDeal(
                        new DealRequest()
                                .dealId("of-2025-09")
                                .agreementId("msa-2023")
                                .direction(dev.dealledger.client.command.model.Direction.PAYABLE)
                                .currency("USD")
                                .title("Order form")
                                .signedOn(LocalDate.parse("2025-09-30"))
                                .sourceReference("Form 8-K (illustrative)")
                                .sourceDocumentSha256(sha256),
                        null);
        answer.set(new Answer(
                200,
                "application/json",
                "{\"dealId\":\"of-2025-09\",\"asOf\":null,\"knownAt\":\"2026-05-01T00:00:00Z\",\"facts\":["
                        + fact(240, "DealRecordedEvent", "\"" + sha256 + "\"") + ","
                        + fact(241, "CommitmentRecordedEvent", "null") + "]}"));

        DealHistoryView history = new dev.dealledger.client.query.api.DealsApi(LedgerClients.query(baseUrl()))
                .getDealHistory("of-2025-09", null, null, null, null, null);

        assertThat(JSON.readTree(received.get(0).body())
                        .get("sourceDocumentSha256")
                        .asText())
                .isEqualTo(sha256);
        assertThat(history.getFacts())
                .extracting(HistoryFact::getSourceDocumentSha256)
                .containsExactly(sha256, null);
    }

    private static String fact(long position, String eventType, String sha256Json) {
        return "{\"position\":" + position + ",\"dealId\":\"of-2025-09\",\"eventType\":\"" + eventType
                + "\",\"effectiveDate\":\"2025-09-30\",\"recordedAt\":\"2025-09-30T15:00:00.031Z\","
                + "\"actor\":\"treasury.analyst\",\"reason\":null,\"sourceReference\":\"Form 8-K (illustrative)\","
                + "\"sourceDocumentSha256\":" + sha256Json + ",\"payload\":{}}";
    }

    @Test
    void if_match_is_a_quoted_version() {
        assertThat(LedgerClients.ifMatch(3)).isEqualTo("\"3\"");
        assertThatThrownBy(() -> LedgerClients.ifMatch(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

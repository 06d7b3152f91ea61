package dev.dealledger.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.e2e.EventTable;
import dev.dealledger.e2e.Facts;
import dev.dealledger.e2e.PackagedServices;
import dev.dealledger.e2e.TestDatabase;
import dev.dealledger.e2e.TestTokens;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input against the packaged command service: duplicate JSON keys, numbers with exponents, negative zero,
 * dates that do not exist, another currency inside a USD deal, ids with path characters. Each is refused as a 4xx
 * problem document, never a 5xx, and the event table does not grow by a single row.
 */
class HostileInputIT {

    private static final String DATABASE = "ledger_test_rel_hostile";
    private static final String DEAL = "/api/v1/deals/of-hostile";
    private static final String COMMITMENTS = DEAL + "/commitments";
    private static final String AMENDMENTS = COMMITMENTS + "/c-1/amendments";
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static ServiceProcess command;
    private static EventTable events;
    private static long eventsAtStart;
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void startWithADeal() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
        events = new EventTable(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).start();
        LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
        String base = command.baseUrl();
        expect(200, http.send("PUT", base + "/api/v1/counterparties/hostile", Facts.counterparty("Hostile Ltd")));
        expect(201, http.send("POST", base + "/api/v1/agreements", Facts.agreement("msa-hostile", "hostile")));
        expect(
                201,
                http.send("POST", base + "/api/v1/deals", Facts.deal("of-hostile", "msa-hostile", "PAYABLE", "USD")));
        expect(
                201,
                http.send(
                        "POST",
                        base + COMMITMENTS,
                        Facts.commitment("c-1", "1200.00", "2025-02-01", "2026-01-31", "2025-01-10")));
        eventsAtStart = events.count();
    }

    private static void expect(int status, LedgerHttp.Reply reply) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    }

    @AfterAll
    static void stop() throws Exception {
        new Summary("hostile-input")
                .put("cases", CASES.get())
                .put("refusedWith4xxProblem", REFUSED.get())
                .put("eventsRecordedByHostileRequests", events.count() - eventsAtStart)
                .print();
        if (command != null) {
            command.close();
        }
    }

    static Stream<Arguments> hostileRequests() {
        String commitment = Facts.commitment("c-h", "1000.00", "2025-03-01", "2025-12-31", "2025-02-01");
        return Stream.of(
                // Duplicate keys: which value would win is not for the server to guess.
                hostile(
                        "duplicate amount key",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"amount\":\"1000.00\"", "\"amount\":\"1.00\",\"amount\":\"1000.00\"")),
                hostile(
                        "duplicate id key",
                        "POST",
                        COMMITMENTS,
                        commitment.replace(
                                "{\"commitmentId\":\"c-h\"", "{\"commitmentId\":\"c-h\",\"commitmentId\":\"c-i\"")),
                hostile(
                        "duplicate key in a deal",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("of-dup", "msa-hostile", "PAYABLE", "USD")
                                .replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"currency\":\"EUR\"")),
                // Exponents, as a JSON number and inside the decimal string.
                hostile(
                        "amount as a JSON number with exponent",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"1000.00\"", "1E+3")),
                hostile(
                        "amount string with exponent",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"1000.00\"", "\"1E3\"")),
                hostile(
                        "amount string with fractional exponent",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"1000.00\"", "\"1.0e3\"")),
                hostile(
                        "amount delta with exponent",
                        "POST",
                        AMENDMENTS,
                        Facts.amendment("am-h", "1E+2", "2025-06-01")),
                hostile(
                        "option maximum with negative exponent",
                        "POST",
                        DEAL + "/options",
                        Facts.option("opt-h", "10000e-1", "2025-03-01", "2025-12-31", "2025-02-01")),
                // Negative zero.
                hostile("amount negative zero", "POST", COMMITMENTS, commitment.replace("\"1000.00\"", "\"-0.00\"")),
                hostile(
                        "amount negative zero without decimals",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"1000.00\"", "\"-0\"")),
                hostile(
                        "amount delta negative zero",
                        "POST",
                        AMENDMENTS,
                        Facts.amendment("am-h", "-0.00", "2025-06-01")),
                hostile(
                        "option maximum negative zero",
                        "POST",
                        DEAL + "/options",
                        Facts.option("opt-h", "-0.00", "2025-03-01", "2025-12-31", "2025-02-01")),
                // Dates that do not exist.
                hostile("term start 2025-02-30", "POST", COMMITMENTS, commitment.replace("2025-03-01", "2025-02-30")),
                hostile(
                        "effective date 2025-02-29",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("2025-02-01", "2025-02-29")),
                hostile("term end in month 13", "POST", COMMITMENTS, commitment.replace("2025-12-31", "2025-13-31")),
                hostile("amendment on 2025-04-31", "POST", AMENDMENTS, Facts.amendment("am-h", "10.00", "2025-04-31")),
                hostile(
                        "deal signed on 2025-02-30",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("of-date", "msa-hostile", "PAYABLE", "USD").replace("2025-01-10", "2025-02-30")),
                hostile(
                        "date with a sign and five-digit year",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("2025-03-01", "+12025-03-01")),
                // Another currency inside the USD deal: the currency is the deal's, never the fact's.
                hostile(
                        "commitment naming another currency",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("{\"commitmentId\"", "{\"currency\":\"EUR\",\"commitmentId\"")),
                hostile(
                        "amount with a currency code",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"1000.00\"", "\"1000.00 EUR\"")),
                hostile(
                        "amount with a currency sign",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"1000.00\"", "\"€1000.00\"")),
                hostile(
                        "amount finer than the cent",
                        "POST",
                        COMMITMENTS,
                        commitment.replace("\"1000.00\"", "\"1000.001\"")),
                hostile(
                        "amendment in yen precision of another currency",
                        "POST",
                        AMENDMENTS,
                        Facts.amendment("am-h", "10.005", "2025-06-01")),
                hostile(
                        "the same deal id again in EUR",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("of-hostile", "msa-hostile", "PAYABLE", "EUR")),
                // Ids with path characters, in the body and in the path.
                hostile(
                        "deal id with a slash",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("of/x", "msa-hostile", "PAYABLE", "USD")),
                hostile(
                        "deal id with dot-dot",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("../of-x", "msa-hostile", "PAYABLE", "USD")),
                hostile(
                        "deal id with a backslash",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("of\\\\x", "msa-hostile", "PAYABLE", "USD")),
                hostile(
                        "deal id percent-encoded slash",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("of%2Fx", "msa-hostile", "PAYABLE", "USD")),
                hostile("commitment id with a slash", "POST", COMMITMENTS, commitment.replace("\"c-h\"", "\"c/h\"")),
                hostile(
                        "counterparty path with an encoded slash",
                        "PUT",
                        "/api/v1/counterparties/a%2Fb",
                        Facts.counterparty("Slash Ltd")),
                hostile(
                        "counterparty path dot-dot",
                        "PUT",
                        "/api/v1/counterparties/%2E%2E",
                        Facts.counterparty("Dots Ltd")),
                hostile(
                        "counterparty path with NUL",
                        "PUT",
                        "/api/v1/counterparties/x%00y",
                        Facts.counterparty("Nul Ltd")),
                hostile(
                        "deal path escaping upwards",
                        "POST",
                        "/api/v1/deals/..%2F..%2Fcounterparties%2Fhostile/commitments",
                        commitment),
                hostile(
                        "commitment path with an encoded slash",
                        "POST",
                        DEAL + "/commitments/c-1%2F..%2Fc-2/amendments",
                        Facts.amendment("am-h", "10.00", "2025-06-01")),
                hostile(
                        "deal id with full-width letters",
                        "POST",
                        "/api/v1/deals",
                        Facts.deal("of-ｘ", "msa-hostile", "PAYABLE", "USD")));
    }

    private static Arguments hostile(String name, String method, String path, String body) {
        return Arguments.of(name, method, path, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void is_refused_as_a_client_error_and_records_nothing(String name, String method, String path, String body)
            throws Exception {
        CASES.incrementAndGet();
        long before = events.count();

        LedgerHttp.Reply reply = http.send(method, command.baseUrl() + path, body);

        assertThat(reply.status()).as("%s -> %s", name, reply.raw().body()).isBetween(400, 499);
        assertThat(reply.raw().headers().firstValue("Content-Type"))
                .as(name)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reply.body().path("status").asInt()).as(name).isEqualTo(reply.status());
        assertThat(reply.body().path("type").asText()).as(name).isNotBlank();
        assertThat(events.count()).as("events after %s", name).isEqualTo(before);
        REFUSED.incrementAndGet();
        System.out.println("hostile input '" + name + "' -> " + reply.status() + " "
                + reply.body().path("type").asText());
    }
}

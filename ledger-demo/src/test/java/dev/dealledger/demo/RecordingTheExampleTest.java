package dev.dealledger.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the demo writes: keys, order, retries, refusals, and what its reads wait for. Runs against {@link FakeLedger}. */
class RecordingTheExampleTest {

    private static final Instant BEFORE_FIRST_WRITE = FakeLedger.FIRST_RECORDED.minusSeconds(3600);
    private static final Instant A_DAY_LATER = FakeLedger.FIRST_RECORDED.plus(Duration.ofDays(1));

    private FakeLedger ledger;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        ledger = new FakeLedger();
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("every write carries its own demo Idempotency-Key, in the order of the example history")
    void everyWriteCarriesAnIdempotencyKey() {
        assertThat(ledger.demo(out, BEFORE_FIRST_WRITE).run()).isZero();

        List<FakeLedger.Request> writes = ledger.writes();
        List<String> expectedKeys = ExampleHistory.writes().stream()
                .map(LedgerWrite::idempotencyKey)
                .toList();
        assertThat(writes).hasSize(expectedKeys.size());
        assertThat(writes)
                .extracting(w -> w.header(LedgerClient.IDEMPOTENCY_KEY))
                .containsExactlyElementsOf(expectedKeys)
                .doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).startsWith(LedgerWrite.KEY_PREFIX));
        assertThat(writes).extracting(FakeLedger.Request::path).contains("/api/v1/counterparties/coreweave");
    }

    @Test
    @DisplayName("every write goes out with the method, path and body it names, which the log and failures print")
    void everyWriteIsWhatItSays() throws Exception {
        assertThat(ledger.demo(out, BEFORE_FIRST_WRITE).run()).isZero();

        List<FakeLedger.Request> sent = ledger.writes();
        List<LedgerWrite> named = ExampleHistory.writes();
        assertThat(sent).hasSize(named.size());
        for (int i = 0; i < named.size(); i++) {
            LedgerWrite write = named.get(i);
            assertThat(sent.get(i).method()).as(write.step()).isEqualTo(write.method());
            assertThat(sent.get(i).path()).as(write.step()).isEqualTo(write.path());
            assertThat(FakeLedger.JSON.readValue(sent.get(i).body(), java.util.Map.class))
                    .as(write.step())
                    .isEqualTo(write.body());
        }
    }

    @Test
    @DisplayName("a second run sends the same keys and bodies, records nothing new and says so")
    void aSecondRunRecordsNothingNew() {
        assertThat(ledger.demo(out, BEFORE_FIRST_WRITE).run()).isZero();
        List<String> firstRun = signatures(ledger.writes());
        assertThat(output()).contains(firstRun.size() + " recorded now, 0 already in the ledger");

        out.reset();
        assertThat(ledger.demo(out, A_DAY_LATER).run()).isZero();
        List<FakeLedger.Request> all = ledger.writes();
        List<String> secondRun = signatures(all.subList(firstRun.size(), all.size()));

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(ledger.recordedFacts()).isEqualTo(firstRun.size());
        assertThat(output()).contains("0 recorded now, " + firstRun.size() + " already in the ledger");
    }

    private static List<String> signatures(List<FakeLedger.Request> writes) {
        return writes.stream()
                .map(w -> w.header(LedgerClient.IDEMPOTENCY_KEY) + " " + w.method() + " " + w.path() + " " + w.body())
                .toList();
    }

    @Test
    @DisplayName("a 4xx problem stops the demo with the problem's detail, and nothing after it is sent")
    void aRefusedWriteStopsTheDemo() {
        String refusedPath = "/api/v1/deals/of-2025-09/commitments";
        ledger.writeOverride = request -> request.path().equals(refusedPath)
                ? FakeLedger.problem(422, "validation", "termEnd must not be before termStart (test detail)")
                : null;

        assertThatThrownBy(() -> ledger.demo(out, BEFORE_FIRST_WRITE).run())
                .isInstanceOf(DemoFailure.class)
                .hasMessageContaining("termEnd must not be before termStart (test detail)")
                .hasMessageContaining("422")
                .hasMessageContaining("demo-v1-coreweave-2-commitment");

        List<FakeLedger.Request> writes = ledger.writes();
        assertThat(writes.get(writes.size() - 1).path()).isEqualTo(refusedPath);
        assertThat(ledger.reads()).isEmpty();
        assertThat(output()).contains("demo-v1-coreweave-2-deal").doesNotContain("demo-v1-coreweave-2-option");
    }

    @Test
    @DisplayName("a reused Idempotency-Key stops the demo and explains that the data changed under the same key")
    void aReusedKeyStopsTheDemo() {
        ledger.writeOverride =
                request -> FakeLedger.problem(409, "idempotency-key-reused", "this Idempotency-Key was already used");

        assertThatThrownBy(() -> ledger.demo(out, BEFORE_FIRST_WRITE).run())
                .isInstanceOf(DemoFailure.class)
                .hasMessageContaining("409")
                .hasMessageContaining("idempotency-key-reused")
                .hasMessageContaining(LedgerWrite.KEY_PREFIX + "northwind-1-counterparty")
                .hasMessageContaining("Bump");
        assertThat(ledger.writes()).hasSize(1);
    }

    @Test
    @DisplayName("a 503 with Retry-After is retried with the same key and body")
    void aBusyServiceIsRetried() {
        AtomicInteger refusals = new AtomicInteger();
        ledger.writeOverride = request -> refusals.getAndIncrement() == 0
                ? new FakeLedger.Answer(
                        503,
                        "application/problem+json",
                        "{\"title\":\"Database unavailable\",\"status\":503}",
                        Map.of("Retry-After", "0"))
                : null;

        assertThat(ledger.demo(out, BEFORE_FIRST_WRITE).run()).isZero();

        List<FakeLedger.Request> writes = ledger.writes();
        assertThat(writes).hasSize(ExampleHistory.writes().size() + 1);
        assertThat(signatures(writes.subList(0, 1))).isEqualTo(signatures(writes.subList(1, 2)));
        assertThat(ledger.recordedFacts()).isEqualTo(ExampleHistory.writes().size());
    }

    @Test
    @DisplayName("a service that stays unavailable stops the demo once its patience runs out")
    void anUnavailableServiceStopsTheDemo() {
        ledger.writeOverride = request -> new FakeLedger.Answer(
                503,
                "application/problem+json",
                "{\"title\":\"Database unavailable\",\"status\":503,\"detail\":\"the event store cannot be reached\"}",
                Map.of("Retry-After", "0"));

        assertThatThrownBy(() -> ledger.demo(out, BEFORE_FIRST_WRITE, Duration.ofMillis(300))
                        .run())
                .isInstanceOf(DemoFailure.class)
                .hasMessageContaining("gave up")
                .hasMessageContaining("the event store cannot be reached");
        assertThat(ledger.recordedFacts()).isZero();
    }

    @Test
    @DisplayName("every read waits for the position of the last write")
    void readsWaitForTheLastWrite() {
        assertThat(ledger.demo(out, BEFORE_FIRST_WRITE).run()).isZero();

        String last = Long.toString(ExampleHistory.writes().size());
        assertThat(ledger.reads())
                .isNotEmpty()
                .allSatisfy(read ->
                        assertThat(read.header(LedgerClient.MIN_POSITION)).isEqualTo(last));
    }

    @Test
    @DisplayName("the restatement and its totals compare the instant before the amendment with the amendment's own")
    void theRestatementUsesTheInstantsAroundTheAmendment() {
        assertThat(ledger.demo(out, BEFORE_FIRST_WRITE).run()).isZero();

        List<LedgerWrite> history = ExampleHistory.writes();
        int amendment = history.stream().map(LedgerWrite::step).toList().indexOf(ExampleHistory.AMENDMENT_STEP);
        // The fake stamps the n-th recorded fact at FIRST_RECORDED + (n - 1) seconds.
        String before = FakeLedger.FIRST_RECORDED.plusSeconds(amendment - 1).toString();
        String after = FakeLedger.FIRST_RECORDED.plusSeconds(amendment).toString();

        FakeLedger.Request restatement = ledger.reads("/api/v1/restatements").get(0);
        assertThat(restatement.query())
                .containsEntry("counterpartyId", "coreweave")
                .containsEntry("asOf", "2026-01-31")
                .containsEntry("from", before)
                .containsEntry("to", after);
        assertThat(ledger.reads("/api/v1/counterparties/coreweave/totals"))
                .filteredOn(r -> "2026-01-31".equals(r.query().get("asOf")))
                .extracting(r -> r.query().get("knownAt"))
                .containsExactly(before, after);
    }
}

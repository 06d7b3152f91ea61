package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /api/v1/restatements: for one counterparty at one asOf, each total that differs between two knowledge instants,
 * with before and after, and the facts recorded in between that caused it.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingRestatementsTest {

    static final String CP = "restate-cp";
    static final String DEAL = "restate-deal";

    @Inject
    EventStoreWriter writer;

    Instant k1;
    Instant k2;
    Instant k3;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, DEAL, Direction.PAYABLE, "EUR", date("2025-01-01"));
        ledger.commitment(DEAL, "c", "1200.00", date("2025-01-01"), date("2025-12-31"), "r", date("2025-01-01"));
        k1 = ledger.lastRecordedAt();
        // A backdated termination and an option, both effective before 2025-06-30.
        ledger.terminate(DEAL, "c", date("2025-03-31"), "backdated termination");
        ledger.option(DEAL, "o", "400.00", date("2025-01-01"), date("2025-12-31"), date("2025-02-01"));
        k2 = ledger.lastRecordedAt();
        // A fact effective after asOf: recorded between k2 and k3, it must not be named as a cause.
        ledger.commitment(DEAL, "later", "100.00", date("2026-01-01"), date("2026-12-31"), "r", date("2025-12-01"));
        k3 = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("each differing total is listed with before and after, and the causes are the facts in between")
    void changes_and_causes() {
        RestatementView view = Reads.restatement(CP, date("2025-06-30"), k1, k2);
        assertThat(view.counterpartyId()).isEqualTo(CP);
        assertThat(view.asOf()).isEqualTo(date("2025-06-30"));
        assertThat(view.from()).isEqualTo(k1);
        assertThat(view.to()).isEqualTo(k2);
        assertThat(view.knownAt()).isEqualTo(k2);
        Map<String, String[]> changes = new LinkedHashMap<>();
        view.changes().forEach(c -> {
            assertThat(c.currency()).isEqualTo("EUR");
            assertThat(c.direction()).isEqualTo(Direction.PAYABLE);
            changes.put(c.field(), new String[] {c.before(), c.after()});
        });
        // Before: 1,200.00 committed, Jan..Jun elapsed (600.00), 600.00 remaining, no option.
        // After: terminated 03-31 -> 300.00 committed and elapsed, nothing remaining; option 400.00 open.
        assertThat(changes.keySet())
                .containsExactlyInAnyOrder(
                        "committed", "elapsed", "remaining", "potential", "exposure", "concentration", "optionsOpen");
        assertThat(changes.get("committed")).containsExactly("1200.00", "300.00");
        assertThat(changes.get("elapsed")).containsExactly("600.00", "300.00");
        assertThat(changes.get("remaining")).containsExactly("600.00", "0.00");
        assertThat(changes.get("potential")).containsExactly("0.00", "400.00");
        assertThat(changes.get("exposure")).containsExactly("600.00", "400.00");
        assertThat(changes.get("optionsOpen")).containsExactly("0", "1");
        // Alone in EUR payable in this class's facts, but other classes may share the market: only the 0 after.
        assertThat(changes.get("concentration")[1]).isEqualTo("0.000000");
        assertThat(view.causes())
                .extracting(RestatementView.Cause::eventType, RestatementView.Cause::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CommitmentTerminatedEvent", "termination"),
                        org.assertj.core.groups.Tuple.tuple("OptionGrantedEvent", "option"));
        long termination = view.causes().get(0).position();
        long option = view.causes().get(1).position();
        Map<String, java.util.List<Long>> causesByField = new LinkedHashMap<>();
        view.changes().forEach(c -> causesByField.put(c.field(), c.causes()));
        // Each change names its own causes: the termination moved the commitment's figures, the option the potential.
        assertThat(causesByField.get("committed")).containsExactly(termination);
        assertThat(causesByField.get("remaining")).containsExactly(termination);
        assertThat(causesByField.get("potential")).containsExactly(option);
        assertThat(causesByField.get("optionsOpen")).containsExactly(option);
        assertThat(causesByField.get("exposure")).containsExactly(termination, option);
        assertThat(view.causes().get(0).reason()).isEqualTo("backdated termination");
    }

    @Test
    @DisplayName("facts effective after asOf change nothing at asOf and are not named as causes")
    void later_effective_facts_are_not_causes() {
        RestatementView view = Reads.restatement(CP, date("2025-06-30"), k2, k3);
        assertThat(view.changes()).isEmpty();
        assertThat(view.causes()).isEmpty();
        RestatementView later = Reads.restatement(CP, date("2025-12-01"), k2, k3);
        assertThat(later.causes())
                .singleElement()
                .satisfies(c -> assertThat(c.eventType()).isEqualTo("CommitmentRecordedEvent"));
        assertThat(later.changes()).extracting(RestatementView.Change::field).contains("committed", "commitments");
    }

    @Test
    @DisplayName("the JSON names before and after as strings")
    void json_shape() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("counterpartyId", CP);
        params.put("asOf", "2025-06-30");
        params.put("from", k1.toString());
        params.put("to", k2.toString());
        JsonNode root = Reads.tree(Reads.getJson("/api/v1/restatements", params));
        JsonNode change = root.path("changes").get(0);
        assertThat(change.path("field").isTextual()).isTrue();
        assertThat(change.path("before").isTextual()).isTrue();
        assertThat(change.path("after").isTextual()).isTrue();
        assertThat(root.path("causes").get(0).path("recordedAt").asText()).endsWith("Z");
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}

package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.query.read.KeptAnswers.Outcome;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A counterparty's disclosure schedule is kept between reads like the ledger-wide figures ({@code KeptAnswers}), and the
 * change journal decides when a kept one may no longer be served: a repeated read is not folded again, a fact recorded
 * after a past knownAt leaves that answer kept, and the current answer shows the new fact at once.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
class KeepingDisclosuresTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    static final LocalDate DEC_31 = LocalDate.of(2025, 12, 31);

    @Inject
    EventStoreWriter writer;

    @Inject
    MeterRegistry registry;

    @Test
    @DisplayName("a kept disclosure is served while the journal proves it current, with the read's own knownAt")
    void kept_disclosures_follow_the_journal() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String cp = "keep-disclosure-cp-" + suffix;
        String deal = "keep-disclosure-deal-" + suffix;
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(cp, deal, Direction.PAYABLE, "USD", JAN_1);
        // 1,200.00 over 2025: as of 2025-06-30, July to December remain, 600.00.
        ledger.commitment(deal, "c1", "1200.00", JAN_1, DEC_31, "gpu-hours", JAN_1);
        Instant k1 = ledger.lastRecordedAt();
        ledger.counterparty("keep-disclosure-marker-" + suffix, "Marker", JAN_1);
        Instant k2 = ledger.lastRecordedAt();
        ledger.awaitProjection();

        assertThat(total(cp, k1, Outcome.COMPUTED)).isEqualTo("600.00");
        assertThat(total(cp, k1, Outcome.KEPT)).isEqualTo("600.00");

        ledger.commitment(deal, "c2", "600.00", JAN_1, DEC_31, "gpu-hours", JAN_1);
        ledger.awaitProjection();
        assertThat(total(cp, k1, Outcome.KEPT_AFTER_CHECK)).isEqualTo("600.00");
        assertThat(total(cp, null, Outcome.COMPUTED)).isEqualTo("900.00");
        assertThat(total(cp, null, Outcome.KEPT)).isEqualTo("900.00");
        // Another past knownAt is its own read, computed once.
        assertThat(total(cp, k2, Outcome.COMPUTED)).isEqualTo("600.00");
    }

    /** Reads the disclosure's total at (AS_OF, knownAt) and checks that it was answered the expected way. */
    private String total(String cp, Instant knownAt, Outcome expected) {
        double before = count(expected);
        Map<String, Object> params = new HashMap<>();
        params.put("direction", "PAYABLE");
        params.put("counterpartyId", cp);
        params.put("asOf", AS_OF.toString());
        if (knownAt != null) {
            params.put("knownAt", knownAt.toString());
        }
        DisclosureView view = Reads.get("/api/v1/disclosures/obligations", params, DisclosureView.class);
        assertThat(count(expected)).as("reads answered %s", expected).isEqualTo(before + 1);
        if (knownAt != null) {
            assertThat(view.knownAt()).isEqualTo(knownAt);
        }
        assertThat(view.rows()).hasSize(1);
        return view.rows().get(0).total();
    }

    private double count(Outcome outcome) {
        var counter = registry.find("ledger.read.disclosures")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .counter();
        return counter == null ? 0 : counter.count();
    }
}

package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A counterparty's legal name is shown as known at knownAt, like every figure beside it, not as it is named now. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamesAsKnownAtTest {

    static final String CP = "names-cp";
    static final LocalDate AS_OF = LocalDate.parse("2025-06-30");

    @Inject
    EventStoreWriter writer;

    Instant beforeRegistration;
    Instant underTheFirstName;
    Instant underTheSecondName;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        beforeRegistration = Instant.now().minusSeconds(1);
        ledger.counterparty(CP, "Old Name Compute Ltd (fictional)", LocalDate.parse("2025-01-01"));
        ledger.agreement("names-msa", CP, LocalDate.parse("2025-01-01"));
        ledger.deal("names-deal", "names-msa", Direction.PAYABLE, "NOK", LocalDate.parse("2025-01-01"), null);
        ledger.commitment(
                "names-deal",
                "c",
                "1200.00",
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"),
                "r",
                LocalDate.parse("2025-01-01"));
        underTheFirstName = ledger.lastRecordedAt();
        ledger.rename(CP, "Middle Name Compute Inc (fictional)", LocalDate.parse("2025-03-01"));
        underTheSecondName = ledger.lastRecordedAt();
        ledger.rename(CP, "New Name Compute plc (fictional)", LocalDate.parse("2025-05-01"));
        ledger.awaitProjection();
    }

    @Test
    void totals_show_the_name_known_at_knownAt() {
        assertThat(Reads.totals(CP, AS_OF, underTheFirstName).legalName())
                .isEqualTo("Old Name Compute Ltd (fictional)");
        assertThat(Reads.totals(CP, AS_OF, underTheSecondName).legalName())
                .isEqualTo("Middle Name Compute Inc (fictional)");
        assertThat(Reads.totals(CP, AS_OF, null).legalName()).isEqualTo("New Name Compute plc (fictional)");
        assertThat(Reads.totals(CP, AS_OF, beforeRegistration).legalName()).isNull();
    }

    @Test
    void exposure_shows_the_name_known_at_knownAt() {
        assertThat(nameInExposure(underTheFirstName)).isEqualTo("Old Name Compute Ltd (fictional)");
        assertThat(nameInExposure(underTheSecondName)).isEqualTo("Middle Name Compute Inc (fictional)");
        assertThat(nameInExposure(null)).isEqualTo("New Name Compute plc (fictional)");
    }

    private static String nameInExposure(Instant knownAt) {
        Map<String, Object> params = Reads.at(AS_OF, knownAt);
        params.put("currency", "NOK");
        params.put("limit", 1000);
        ExposureView view = Reads.exposure(params);
        return view.rows().stream()
                .filter(r -> r.counterpartyId().equals(CP))
                .map(ExposureRowView::legalName)
                .findFirst()
                .orElseThrow();
    }
}

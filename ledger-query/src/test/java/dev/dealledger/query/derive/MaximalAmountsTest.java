package dev.dealledger.query.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/domain.md, "Limits": no input the ledger accepts can make a later read fail. Hundreds of the largest amounts the
 * API accepts, in one market, and amounts whose minor units are the largest a fact can carry in a 4-decimal currency
 * (CLF): every read answers, and every sum is exact. The expected figures are multiplied out here in BigDecimal, not
 * taken from the code under test. Before the sums were held in BigInteger, every one of these reads failed with 500.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaximalAmountsTest {

    static final String MAX_USD = "999999999999999.99";
    /** Long.MAX_VALUE minor units at CLF's four decimals: the largest amount one fact can carry in CLF. */
    static final String MAX_CLF = "922337203685477.5807";

    static final int USD_COMMITMENTS_EACH = 120;
    static final int USD_OPTIONS = 60;
    static final int CLF_COMMITMENTS = 100;
    static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

    @Inject
    EventStoreWriter writer;

    Instant knownAt;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("max-a", "max-deal-a", Direction.PAYABLE, "USD", date("2024-11-01"));
        ledger.counterpartyWithDeal("max-b", "max-deal-b", Direction.PAYABLE, "USD", date("2024-11-01"));
        ledger.counterpartyWithDeal("max-clf", "max-deal-clf", Direction.PAYABLE, "CLF", date("2024-11-01"));
        for (int i = 0; i < USD_COMMITMENTS_EACH; i++) {
            for (String deal : new String[] {"max-deal-a", "max-deal-b"}) {
                ledger.commitment(
                        deal, "c-" + i, MAX_USD, date("2025-01-01"), date("2025-12-31"), "GPU", date("2024-11-01"));
            }
        }
        for (int i = 0; i < USD_OPTIONS; i++) {
            ledger.option("max-deal-a", "o-" + i, MAX_USD, date("2025-01-01"), date("2026-12-31"), date("2024-11-01"));
        }
        for (int i = 0; i < CLF_COMMITMENTS; i++) {
            ledger.commitment(
                    "max-deal-clf",
                    "c-" + i,
                    MAX_CLF,
                    date("2025-01-01"),
                    date("2025-12-31"),
                    "GPU",
                    date("2024-11-01"));
        }
        knownAt = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("totals, exposure, schedule and the deal view answer, exactly, over hundreds of maximal amounts")
    void every_read_is_exact() {
        BigDecimal eachUsd = new BigDecimal(MAX_USD);
        BigDecimal committedUsd = eachUsd.multiply(BigDecimal.valueOf(USD_COMMITMENTS_EACH));
        BigDecimal potentialA = eachUsd.multiply(BigDecimal.valueOf(USD_OPTIONS));
        BigDecimal committedClf = new BigDecimal(MAX_CLF).multiply(BigDecimal.valueOf(CLF_COMMITMENTS));

        TotalsRowView a = only(Reads.totals("max-a", AS_OF, knownAt));
        assertThat(a.committed()).isEqualTo(committedUsd.toPlainString());
        assertThat(a.elapsed()).isEqualTo("0.00");
        assertThat(a.remaining()).isEqualTo(committedUsd.toPlainString());
        assertThat(a.potential()).isEqualTo(potentialA.toPlainString());
        assertThat(a.exposure()).isEqualTo(committedUsd.add(potentialA).toPlainString());
        assertThat(a.concentration()).isEqualTo("0.500000");
        assertThat(a.commitments()).isEqualTo(USD_COMMITMENTS_EACH);
        assertThat(a.optionsOpen()).isEqualTo(USD_OPTIONS);

        TotalsRowView clf = only(Reads.totals("max-clf", AS_OF, knownAt));
        assertThat(clf.committed()).isEqualTo(committedClf.toPlainString());
        assertThat(clf.remaining()).isEqualTo(committedClf.toPlainString());
        assertThat(clf.concentration()).isEqualTo("1.000000");

        ExposureView exposure = Reads.exposure(AS_OF, knownAt);
        Map<String, ExposureRowView> rows = exposure.rows().stream()
                .filter(r -> r.counterpartyId().startsWith("max-"))
                .collect(Collectors.toMap(ExposureRowView::counterpartyId, r -> r));
        assertThat(rows.get("max-a").exposure())
                .isEqualTo(committedUsd.add(potentialA).toPlainString());
        assertThat(rows.get("max-b").exposure()).isEqualTo(committedUsd.toPlainString());
        assertThat(rows.get("max-clf").exposure()).isEqualTo(committedClf.toPlainString());

        ScheduleView schedule = Reads.schedule("max-a", AS_OF, knownAt);
        assertThat(schedule.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.remaining()).isEqualTo(committedUsd.toPlainString()));
        ScheduleView clfSchedule = Reads.schedule("max-clf", AS_OF, knownAt);
        assertThat(clfSchedule.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.remaining()).isEqualTo(committedClf.toPlainString()));

        DealView deal = Reads.deal("max-deal-clf", AS_OF, knownAt);
        assertThat(deal.commitments()).hasSize(CLF_COMMITMENTS);
        assertThat(deal.commitments()).allSatisfy(c -> assertThat(c.committed()).isEqualTo(MAX_CLF));
    }

    private static TotalsRowView only(CounterpartyTotalsView view) {
        assertThat(view.totals()).hasSize(1);
        return view.totals().get(0);
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}

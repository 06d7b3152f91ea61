package dev.dealledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The recorded data itself, checked against docs/domain.md's example and the demo's promises. */
class ExampleHistoryTest {

    private final List<LedgerWrite> writes = ExampleHistory.writes();

    private int indexOf(String step) {
        return writes.stream().map(LedgerWrite::step).toList().indexOf(step);
    }

    @Test
    @DisplayName("every step, and so every Idempotency-Key, is unique")
    void uniqueKeys() {
        assertThat(writes).extracting(LedgerWrite::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("CoreWeave's amounts add up to docs/domain.md's 35,450,000,000.00 after fact 4")
    void coreweaveAddsUp() {
        Map<String, String> counterpartyOfAgreement = new HashMap<>();
        Map<String, String> counterpartyOfDeal = new HashMap<>();
        BigDecimal coreweave = BigDecimal.ZERO;
        for (LedgerWrite w : writes) {
            Map<String, String> b = w.body();
            if (w.path().equals("/api/v1/agreements")) {
                counterpartyOfAgreement.put(b.get("agreementId"), b.get("counterpartyId"));
            } else if (w.path().equals("/api/v1/deals")) {
                counterpartyOfDeal.put(b.get("dealId"), counterpartyOfAgreement.get(b.get("agreementId")));
            } else if (w.path().startsWith("/api/v1/deals/")) {
                String dealId = w.path().split("/")[4];
                String amount = b.containsKey("amount") ? b.get("amount") : b.get("amountDelta");
                if (amount != null && ExampleHistory.COREWEAVE.equals(counterpartyOfDeal.get(dealId))) {
                    coreweave = coreweave.add(new BigDecimal(amount));
                }
            }
        }
        assertThat(coreweave).isEqualByComparingTo(ExampleHistory.EXPECTED_COREWEAVE_COMMITTED);
    }

    @Test
    @DisplayName("CoreWeave's facts come in docs/domain.md's order, the quarter close between fact 3 and the backdated"
            + " amendment, which comes last")
    void domainOrder() {
        assertThat(indexOf("coreweave-1-agreement")).isLessThan(indexOf("coreweave-2-commitment"));
        assertThat(indexOf("coreweave-2-option")).isLessThan(indexOf("coreweave-3-commitment"));
        assertThat(indexOf("coreweave-3-exercise")).isLessThan(indexOf(ExampleHistory.CLOSE_STEP));
        assertThat(indexOf(ExampleHistory.CLOSE_STEP)).isEqualTo(indexOf(ExampleHistory.AMENDMENT_STEP) - 1);
        assertThat(writes.get(indexOf(ExampleHistory.CLOSE_STEP)).path())
                .isEqualTo("/api/v1/periods/" + ExampleHistory.CLOSED_PERIOD + "/close");
        assertThat(indexOf(ExampleHistory.AMENDMENT_STEP)).isEqualTo(writes.size() - 1);
        LedgerWrite amendment = writes.get(indexOf(ExampleHistory.AMENDMENT_STEP));
        assertThat(amendment.body())
                .containsEntry("amendmentId", ExampleHistory.AMENDMENT)
                .containsEntry("amountDelta", "250000000.00")
                .containsEntry("effectiveDate", "2026-01-01")
                .containsEntry("reason", "illustrative correction");
    }

    @Test
    @DisplayName("the comparison counterparties are clearly fictional and cover EUR and RECEIVABLE")
    void fictionalCounterparties() {
        List<String> names = writes.stream()
                .filter(w -> w.path().startsWith("/api/v1/counterparties/"))
                .filter(w -> !w.path().endsWith("/" + ExampleHistory.COREWEAVE))
                .map(w -> w.body().get("legalName"))
                .toList();
        assertThat(names)
                .hasSizeBetween(2, 3)
                .allSatisfy(name -> assertThat(name).endsWith("(fictional)"));

        Set<String> currencies = new HashSet<>();
        Set<String> directions = new HashSet<>();
        writes.stream().filter(w -> w.path().equals("/api/v1/deals")).forEach(w -> {
            currencies.add(w.body().get("currency"));
            directions.add(w.body().get("direction"));
        });
        assertThat(currencies).contains("USD", "EUR");
        assertThat(directions).contains("PAYABLE", "RECEIVABLE");
    }

    @Test
    @DisplayName("money travels as decimal strings with two places, never as JSON numbers")
    void moneyIsAString() {
        writes.stream()
                .flatMap(w -> w.body().entrySet().stream())
                .filter(e -> e.getKey().toLowerCase().contains("amount"))
                .forEach(e -> assertThat(e.getValue()).matches("^[+-]?[0-9]+\\.[0-9]{2}$"));
    }
}

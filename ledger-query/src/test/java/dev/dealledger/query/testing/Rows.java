package dev.dealledger.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.TotalsRowView;

/** Picks single rows out of views, failing clearly when there is not exactly one. */
public final class Rows {

    private Rows() {}

    public static TotalsRowView only(CounterpartyTotalsView view) {
        assertThat(view.totals())
                .as("totals of %s at %s / %s", view.counterpartyId(), view.asOf(), view.knownAt())
                .hasSize(1);
        return view.totals().get(0);
    }

    /**
     * The row with its concentration blanked: for tests that share the database with other test classes, where the
     * market (every counterparty in one currency and direction) holds other classes' facts too.
     */
    public static TotalsRowView withoutConcentration(TotalsRowView r) {
        return new TotalsRowView(
                r.currency(),
                r.direction(),
                r.committed(),
                r.elapsed(),
                r.remaining(),
                r.potential(),
                r.exposure(),
                null,
                r.deals(),
                r.commitments(),
                r.optionsOpen(),
                r.optionsExercised(),
                r.amendments());
    }

    public static DealView.Commitment commitment(DealView view, String commitmentId) {
        return view.commitments().stream()
                .filter(c -> c.commitmentId().equals(commitmentId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("deal " + view.dealId() + " at " + view.asOf() + " / "
                        + view.knownAt() + " shows no commitment " + commitmentId + ": " + view.commitments()));
    }

    public static DealView.Option option(DealView view, String optionId) {
        return view.options().stream()
                .filter(o -> o.optionId().equals(optionId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("deal " + view.dealId() + " shows no option " + optionId));
    }
}

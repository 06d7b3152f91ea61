package dev.dealledger.model.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dealledger.model.schedule.CommitmentTimeline;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Figures" and "Limits": sums over commitments and options are exact and never overflow. */
@DisplayName("Figures summed over commitments and options")
class SummingFiguresTest {

    static CommitmentTimeline.Figures figures(long committed, long elapsed, Map<Integer, Long> byYear) {
        return new CommitmentTimeline.Figures(committed, elapsed, committed - elapsed, byYear);
    }

    @Test
    void exposure_is_remaining_plus_potential() {
        FigureTotals totals = new FigureTotals();
        totals.addCommitment(figures(1_200, 300, Map.of(2025, 600L, 2026, 300L)), 1, 1);
        totals.addOption(new OptionStanding(500, false), 1);
        totals.addOption(new OptionStanding(0, true), 1);

        assertThat(totals.committedMinor()).isEqualTo(BigInteger.valueOf(1_200));
        assertThat(totals.elapsedMinor()).isEqualTo(BigInteger.valueOf(300));
        assertThat(totals.remainingMinor()).isEqualTo(BigInteger.valueOf(900));
        assertThat(totals.potentialMinor()).isEqualTo(BigInteger.valueOf(500));
        assertThat(totals.exposureMinor()).isEqualTo(BigInteger.valueOf(1_400));
        assertThat(totals.commitments()).isEqualTo(1);
        assertThat(totals.amendments()).isEqualTo(1);
        assertThat(totals.optionsOpen()).isEqualTo(1);
        assertThat(totals.optionsExercised()).isEqualTo(1);
    }

    @Test
    void taking_a_contribution_away_undoes_adding_it_and_leaves_a_copy_alone() {
        FigureTotals totals = new FigureTotals();
        totals.addCommitment(figures(1_000, 0, Map.of(2030, 1_000L)), 0, 1);
        FigureTotals before = totals.copy();
        CommitmentTimeline.Figures amended = figures(1_500, 500, Map.of(2030, 1_000L));

        totals.addCommitment(amended, 2, 1);
        totals.addCommitment(amended, 2, -1);

        assertThat(totals.committedMinor()).isEqualTo(before.committedMinor());
        assertThat(totals.remainingMinor()).isEqualTo(before.remainingMinor());
        assertThat(totals.amendments()).isEqualTo(before.amendments());
        assertThat(totals.commitments()).isEqualTo(1);
        totals.addCommitment(amended, 2, 1);
        assertThat(before.committedMinor()).isEqualTo(BigInteger.valueOf(1_000));
    }

    @Test
    @DisplayName("adding totals formed elsewhere equals adding their contributions, a negative step included")
    void adding_totals_equals_adding_their_contributions() {
        FigureTotals direct = new FigureTotals();
        direct.addCommitment(figures(1_200, 300, Map.of(2025, 900L)), 1, 1);
        direct.addOption(new OptionStanding(500, false), 1);
        direct.addDeals(1);
        direct.addCommitment(figures(1_200, 300, Map.of(2025, 900L)), 1, -1);
        direct.addCommitment(figures(800, 300, Map.of(2025, 500L)), 2, 1);

        FigureTotals first = new FigureTotals();
        first.addCommitment(figures(1_200, 300, Map.of(2025, 900L)), 1, 1);
        first.addOption(new OptionStanding(500, false), 1);
        first.addDeals(1);
        FigureTotals amendment = new FigureTotals();
        amendment.addCommitment(figures(1_200, 300, Map.of(2025, 900L)), 1, -1);
        amendment.addCommitment(figures(800, 300, Map.of(2025, 500L)), 2, 1);
        FigureTotals summed = new FigureTotals();
        summed.add(first);
        summed.add(amendment);

        assertThat(summed.committedMinor()).isEqualTo(direct.committedMinor()).isEqualTo(BigInteger.valueOf(800));
        assertThat(summed.elapsedMinor()).isEqualTo(direct.elapsedMinor());
        assertThat(summed.remainingMinor()).isEqualTo(direct.remainingMinor()).isEqualTo(BigInteger.valueOf(500));
        assertThat(summed.potentialMinor()).isEqualTo(direct.potentialMinor());
        assertThat(summed.exposureMinor()).isEqualTo(direct.exposureMinor());
        assertThat(summed.deals()).isEqualTo(direct.deals()).isEqualTo(1);
        assertThat(summed.commitments()).isEqualTo(direct.commitments()).isEqualTo(1);
        assertThat(summed.amendments()).isEqualTo(direct.amendments()).isEqualTo(2);
        assertThat(summed.optionsOpen()).isEqualTo(direct.optionsOpen()).isEqualTo(1);
        assertThat(summed.optionsExercised()).isEqualTo(direct.optionsExercised());
    }

    @Test
    void hundreds_of_maximal_commitments_sum_exactly_past_a_long() {
        FigureTotals totals = new FigureTotals();
        for (int i = 0; i < 300; i++) {
            totals.addCommitment(figures(Long.MAX_VALUE, 0, Map.of(2032, Long.MAX_VALUE)), 0, 1);
            totals.addOption(new OptionStanding(Long.MAX_VALUE, false), 1);
        }
        BigInteger expected = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(300));
        assertThat(totals.remainingMinor()).isEqualTo(expected);
        assertThat(totals.exposureMinor()).isEqualTo(expected.shiftLeft(1));
    }

    @Test
    void a_contribution_is_added_or_taken_away_never_scaled() {
        FigureTotals totals = new FigureTotals();
        assertThatThrownBy(() -> totals.addOption(new OptionStanding(1, false), 2))
                .hasMessageContaining("not scaled by 2");
    }
}

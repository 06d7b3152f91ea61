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

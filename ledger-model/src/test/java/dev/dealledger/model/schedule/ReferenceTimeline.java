package dev.dealledger.model.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The brute-force model read at any date, for histories that keep the rules. The states after 0, 1, 2 ... amendments
 * in apply order are computed once, because a history is probed at hundreds of dates.
 */
final class ReferenceTimeline {

    /** The model's derived numbers at one date, in minor units. */
    record Figures(long committedMinor, long elapsedMinor, long remainingMinor, Map<Integer, Long> remainingByYear) {}

    private final List<AmendmentFact> inApplyOrder;
    private final List<ReferenceCommitment> states = new ArrayList<>();
    private final LocalDate terminatedOn;

    ReferenceTimeline(CommitmentTerms terms, List<AmendmentFact> amendments, LocalDate terminatedOn) {
        this.inApplyOrder = ReferenceCommitment.inApplyOrder(amendments);
        this.terminatedOn = terminatedOn;
        ReferenceCommitment state =
                ReferenceCommitment.straightLine(terms.amountMinor(), terms.termStart(), terms.termEnd());
        states.add(state);
        for (AmendmentFact amendment : inApplyOrder) {
            state = state.amend(amendment);
            states.add(state);
        }
    }

    /** The commitment on {@code asOf}: amendments effective on or before it, then the termination if effective. */
    ReferenceCommitment asOf(LocalDate asOf) {
        int applied = 0;
        while (applied < inApplyOrder.size()
                && !inApplyOrder.get(applied).effectiveDate().isAfter(asOf)) {
            applied++;
        }
        ReferenceCommitment state = states.get(applied);
        return terminatedOn != null && !terminatedOn.isAfter(asOf) ? state.terminate(terminatedOn) : state;
    }

    /** docs/domain.md: elapsed is what fell due on or before D; remaining is committed minus elapsed, never below zero. */
    Figures figuresAsOf(LocalDate asOf) {
        ReferenceCommitment state = asOf(asOf);
        long committed = state.totalMinor();
        long elapsed = state.dueOnOrBeforeMinor(asOf);
        return new Figures(committed, elapsed, Math.max(0, committed - elapsed), state.dueAfterByYearMinor(asOf));
    }
}

package dev.dealledger.testkit.oracle;

import dev.dealledger.testkit.oracle.ReferenceCommitment.Amendment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Terms;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The brute-force model read at any date, for histories that keep the rules. The states after 0, 1, 2 ... amendments
 * in apply order are computed once, because a history is probed at hundreds of dates.
 */
public final class ReferenceTimeline {

    /** The model's derived numbers at one date, in minor units. */
    public record Figures(
            long committedMinor, long elapsedMinor, long remainingMinor, Map<Integer, Long> remainingByYear) {}

    private final List<Amendment> inApplyOrder;
    private final List<ReferenceCommitment> states = new ArrayList<>();
    private final LocalDate terminatedOn;

    public ReferenceTimeline(Terms terms, List<Amendment> amendments, LocalDate terminatedOn) {
        this.inApplyOrder = ReferenceCommitment.inApplyOrder(amendments);
        this.terminatedOn = terminatedOn;
        ReferenceCommitment state = ReferenceCommitment.straightLine(terms);
        states.add(state);
        for (Amendment amendment : inApplyOrder) {
            state = state.amend(amendment);
            states.add(state);
        }
    }

    /** The commitment on {@code asOf}: amendments effective on or before it, then the termination if effective. */
    public ReferenceCommitment asOf(LocalDate asOf) {
        ReferenceCommitment state = amendedAsOf(asOf);
        return terminatedOn != null && !terminatedOn.isAfter(asOf) ? state.terminate(terminatedOn) : state;
    }

    /**
     * The term end on {@code asOf} as the amendments effective by then set it. A termination ends the installments,
     * not the term: the figures of a terminated commitment still name the term end it had.
     */
    public LocalDate termEndAsOf(LocalDate asOf) {
        return amendedAsOf(asOf).termEnd();
    }

    private ReferenceCommitment amendedAsOf(LocalDate asOf) {
        int applied = 0;
        while (applied < inApplyOrder.size()
                && !inApplyOrder.get(applied).effectiveDate().isAfter(asOf)) {
            applied++;
        }
        return states.get(applied);
    }

    /** docs/domain.md: elapsed is what fell due on or before D; remaining is committed minus elapsed, never below zero. */
    public Figures figuresAsOf(LocalDate asOf) {
        ReferenceCommitment state = asOf(asOf);
        long committed = state.totalMinor();
        long elapsed = state.dueOnOrBeforeMinor(asOf);
        return new Figures(committed, elapsed, Math.max(0, committed - elapsed), state.dueAfterByYearMinor(asOf));
    }
}

package dev.dealledger.model.schedule;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where a commitment's numbers are derived from its facts. Both sides use it: the aggregate to refuse an
 * amendment that would break the history, the read side to answer for any (asOf, knownAt). Callers pass the facts
 * visible on the time axes they care about; this class applies the effective-date ordering.
 */
public final class CommitmentTimeline {

    private static final Comparator<AmendmentFact> APPLY_ORDER =
            Comparator.comparing(AmendmentFact::effectiveDate).thenComparingLong(AmendmentFact::recordedOrder);

    private final CommitmentTerms terms;
    private final List<AmendmentFact> amendments;
    private final LocalDate terminatedOn;
    /** Where the termination sorts among the amendments' {@link AmendmentFact#recordedOrder()}s. */
    private final long terminationRecordedOrder;

    private CommitmentTimeline(
            CommitmentTerms terms,
            List<AmendmentFact> amendments,
            LocalDate terminatedOn,
            long terminationRecordedOrder) {
        this.terms = terms;
        List<AmendmentFact> sorted = new ArrayList<>(amendments);
        sorted.sort(APPLY_ORDER);
        this.amendments = List.copyOf(sorted);
        this.terminatedOn = terminatedOn;
        this.terminationRecordedOrder = terminationRecordedOrder;
    }

    /**
     * A timeline whose termination, if any, counts as recorded before every amendment: an amendment effective on or
     * after it is refused. Reads need no more, because such an amendment has no effect on any figure either way.
     */
    public static CommitmentTimeline of(CommitmentTerms terms, List<AmendmentFact> amendments, LocalDate terminatedOn) {
        return new CommitmentTimeline(terms, amendments, terminatedOn, Long.MIN_VALUE);
    }

    /**
     * A timeline whose termination was recorded at {@code terminationRecordedOrder} (on the scale of the amendments'
     * recorded order): amendments effective on or after it that were recorded before it stay valid and have no effect
     * (docs/domain.md, "Early termination"); those recorded after it are refused.
     */
    public static CommitmentTimeline of(
            CommitmentTerms terms,
            List<AmendmentFact> amendments,
            LocalDate terminatedOn,
            long terminationRecordedOrder) {
        return new CommitmentTimeline(terms, amendments, terminatedOn, terminationRecordedOrder);
    }

    public CommitmentTimeline withAmendment(AmendmentFact amendment) {
        List<AmendmentFact> next = new ArrayList<>(amendments);
        next.add(amendment);
        return new CommitmentTimeline(terms, next, terminatedOn, terminationRecordedOrder);
    }

    public CommitmentTimeline withTermination(LocalDate effective) {
        return new CommitmentTimeline(terms, amendments, effective, Long.MIN_VALUE);
    }

    public CommitmentTimeline withTermination(LocalDate effective, long recordedOrder) {
        return new CommitmentTimeline(terms, amendments, effective, recordedOrder);
    }

    /** An amendment effective on or after the termination: it changes no installment the termination keeps. */
    private boolean cutOffByTermination(AmendmentFact a) {
        return terminatedOn != null && !a.effectiveDate().isBefore(terminatedOn);
    }

    /** The first amendment, in apply order, that cannot apply, with the reason; empty when the history is consistent. */
    public Optional<Refused> firstRefusal() {
        InstallmentSchedule schedule = initialSchedule();
        LocalDate termEnd = terms.termEnd();
        for (AmendmentFact a : amendments) {
            if (cutOffByTermination(a) && a.recordedOrder() < terminationRecordedOrder) {
                // Recorded before the termination, so valid when recorded; the termination has made it ineffective.
                continue;
            }
            Optional<AmendmentRefusal> refusal = check(schedule, termEnd, a);
            if (refusal.isPresent()) {
                return Optional.of(new Refused(a, refusal.get()));
            }
            termEnd = a.newTermEnd() != null ? a.newTermEnd() : termEnd;
            schedule = apply(schedule, termEnd, a);
        }
        return Optional.empty();
    }

    private Optional<AmendmentRefusal> check(InstallmentSchedule schedule, LocalDate termEnd, AmendmentFact a) {
        LocalDate e = a.effectiveDate();
        if (e.isBefore(terms.effectiveDate())) {
            return Optional.of(AmendmentRefusal.BEFORE_COMMITMENT);
        }
        if (cutOffByTermination(a)) {
            return Optional.of(AmendmentRefusal.AFTER_TERMINATION);
        }
        if (e.isAfter(termEnd)) {
            return Optional.of(AmendmentRefusal.AFTER_TERM_END);
        }
        LocalDate newEnd = a.newTermEnd() != null ? a.newTermEnd() : termEnd;
        if (newEnd.isBefore(terms.termStart()) || newEnd.isBefore(e)) {
            return Optional.of(AmendmentRefusal.TERM_END_OUT_OF_RANGE);
        }
        long newTotal;
        try {
            newTotal = Math.addExact(schedule.totalMinor(), a.amountDeltaMinor());
        } catch (ArithmeticException tooLarge) {
            return Optional.of(AmendmentRefusal.AMOUNT_OUT_OF_RANGE);
        }
        long fallenDue = schedule.dueOnOrBeforeMinor(e);
        if (newTotal < fallenDue) {
            return Optional.of(AmendmentRefusal.BELOW_FALLEN_DUE);
        }
        if (newTotal > fallenDue && !schedule.hasMonthAfter(e, YearMonth.from(newEnd))) {
            return Optional.of(AmendmentRefusal.NO_INSTALLMENT_LEFT);
        }
        return Optional.empty();
    }

    private static InstallmentSchedule apply(InstallmentSchedule schedule, LocalDate termEnd, AmendmentFact a) {
        long newTotal = Math.addExact(schedule.totalMinor(), a.amountDeltaMinor());
        return schedule.respread(a.effectiveDate(), newTotal, YearMonth.from(termEnd));
    }

    private InstallmentSchedule initialSchedule() {
        return InstallmentSchedule.straightLine(terms.amountMinor(), terms.termStart(), terms.termEnd());
    }

    /**
     * The schedule in effect on {@code asOf}: amendments effective on or before it, then the termination if it is
     * effective on or before it. Facts not yet effective are ignored, so the same timeline answers every asOf.
     */
    public InstallmentSchedule scheduleAsOf(LocalDate asOf) {
        InstallmentSchedule schedule = initialSchedule();
        LocalDate termEnd = terms.termEnd();
        for (AmendmentFact a : amendments) {
            if (a.effectiveDate().isAfter(asOf) || cutOffByTermination(a)) {
                break;
            }
            termEnd = a.newTermEnd() != null ? a.newTermEnd() : termEnd;
            schedule = apply(schedule, termEnd, a);
        }
        if (terminatedOn != null && !terminatedOn.isAfter(asOf)) {
            schedule = schedule.truncateAfter(terminatedOn);
        }
        return schedule;
    }

    /** The term end in effect on {@code asOf}. */
    public LocalDate termEndAsOf(LocalDate asOf) {
        LocalDate termEnd = terms.termEnd();
        for (AmendmentFact a : amendments) {
            if (a.effectiveDate().isAfter(asOf) || cutOffByTermination(a)) {
                break;
            }
            termEnd = a.newTermEnd() != null ? a.newTermEnd() : termEnd;
        }
        return termEnd;
    }

    /** Committed, elapsed and remaining on {@code asOf}; committed = elapsed + remaining always holds. */
    public Figures figuresAsOf(LocalDate asOf) {
        InstallmentSchedule schedule = scheduleAsOf(asOf);
        long committed = schedule.totalMinor();
        long elapsed = schedule.dueOnOrBeforeMinor(asOf);
        long remaining = Math.max(0, committed - elapsed);
        if (committed != elapsed + remaining) {
            throw new IllegalStateException("committed " + committed + " != elapsed " + elapsed + " + remaining "
                    + remaining + " for asOf " + asOf);
        }
        return new Figures(committed, elapsed, remaining, schedule.dueAfterByYearMinor(asOf));
    }

    public long amendmentsEffectiveBy(LocalDate asOf) {
        return amendments.stream().filter(a -> !a.effectiveDate().isAfter(asOf)).count();
    }

    public LocalDate terminatedOn() {
        return terminatedOn;
    }

    public CommitmentTerms terms() {
        return terms;
    }

    public List<AmendmentFact> amendments() {
        return amendments;
    }

    /** An amendment that cannot apply at its place in the history, and why. */
    public record Refused(AmendmentFact amendment, AmendmentRefusal reason) {}

    /** The derived numbers of one commitment at one date, in minor units. */
    public record Figures(
            long committedMinor, long elapsedMinor, long remainingMinor, Map<Integer, Long> remainingByYear) {}
}

package dev.dealledger.testkit.oracle;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The expectation side of every test of the schedule rules: a brute-force reading of docs/domain.md "How the numbers
 * are derived" that keeps one commitment as a plain list of monthly installments and recomputes every number by walking
 * that list.
 *
 * <p>It deliberately shares no code with ledger-model's {@code InstallmentSchedule}, {@code Tranche} or
 * {@code CommitmentTimeline} (no tranches, no prefix sums, no {@code YearMonth} cut-offs) and does not even read their
 * types: it takes its own {@link Terms} and {@link Amendment}. If both agree on random histories, the production
 * shortcuts compute what the brief says.
 *
 * <p>Rules, as written in docs/domain.md or implied by it (the implied ones are marked):
 *
 * <ul>
 *   <li>straight line: one installment per calendar month from the start month to the end month, due on the month's
 *       last day; each the floor of the even share in minor units, the last one the remainder;
 *   <li>an amendment effective on E keeps the installments due on or before E and spreads (committed after the
 *       amendment) minus (those kept) over the installments due after E up to the possibly new term end;
 *   <li>refused: committed would fall below what has fallen due by E; E after the current term end;
 *   <li>refused (implied: an amendment changes an existing, live commitment): E before the commitment holds; E on or
 *       after its termination;
 *   <li>refused (implied: a term cannot end before it starts, nor end retroactively before the change that sets it):
 *       a new term end before the term start or before E;
 *   <li>refused (implied: "what is left is spread over the installments due after E"): something is left but no such
 *       installment exists;
 *   <li>a termination effective on T removes every installment due after T.
 * </ul>
 */
public final class ReferenceCommitment {

    /** What a commitment starts from: its original amount and term, and the date from which it holds. */
    public record Terms(long amountMinor, LocalDate termStart, LocalDate termEnd, LocalDate effectiveDate) {}

    /**
     * One amendment; {@code recordedOrder} orders amendments with the same effective date, {@code newTermEnd} is null
     * when the term end stays.
     */
    public record Amendment(
            String amendmentId,
            LocalDate effectiveDate,
            long recordedOrder,
            long amountDeltaMinor,
            LocalDate newTermEnd) {}

    /** The rules an amendment can break, each as the list above words it. */
    public enum Rule {
        BEFORE_COMMITMENT,
        AFTER_TERM_END,
        AFTER_TERMINATION,
        BELOW_FALLEN_DUE,
        TERM_END_OUT_OF_RANGE,
        NO_INSTALLMENT_LEFT
    }

    /** One monthly installment of the model. */
    public record Due(LocalDate dueOn, long amountMinor) {}

    /** The apply order of docs/domain.md: effective date, then recorded order for amendments effective the same day. */
    public static final Comparator<Amendment> APPLY_ORDER = (a, b) -> {
        int byDate = a.effectiveDate().compareTo(b.effectiveDate());
        return byDate != 0 ? byDate : Long.compare(a.recordedOrder(), b.recordedOrder());
    };

    private final LocalDate termStart;
    private final LocalDate termEnd;
    private final List<Due> installments;

    private ReferenceCommitment(LocalDate termStart, LocalDate termEnd, List<Due> installments) {
        this.termStart = termStart;
        this.termEnd = termEnd;
        this.installments = List.copyOf(installments);
    }

    public static ReferenceCommitment straightLine(long amountMinor, LocalDate termStart, LocalDate termEnd) {
        return new ReferenceCommitment(termStart, termEnd, evenly(amountMinor, monthEnds(termStart, termEnd)));
    }

    public static ReferenceCommitment straightLine(Terms terms) {
        return straightLine(terms.amountMinor(), terms.termStart(), terms.termEnd());
    }

    /** The last day of every calendar month from {@code from}'s month to {@code through}'s month, inclusive. */
    public static List<LocalDate> monthEnds(LocalDate from, LocalDate through) {
        List<LocalDate> ends = new ArrayList<>();
        LocalDate end = from.with(TemporalAdjusters.lastDayOfMonth());
        while (!end.withDayOfMonth(1).isAfter(through)) {
            ends.add(end);
            end = end.plusDays(1).with(TemporalAdjusters.lastDayOfMonth());
        }
        return ends;
    }

    /** The rounding rule: each due date gets the floor of the even share, the last one the remainder. */
    public static List<Due> evenly(long amountMinor, List<LocalDate> dueDates) {
        List<Due> dues = new ArrayList<>();
        if (dueDates.isEmpty()) {
            return dues;
        }
        long share = Math.floorDiv(amountMinor, dueDates.size());
        long given = 0;
        for (int i = 0; i < dueDates.size() - 1; i++) {
            dues.add(new Due(dueDates.get(i), share));
            given += share;
        }
        dues.add(new Due(dueDates.get(dueDates.size() - 1), amountMinor - given));
        return dues;
    }

    public List<Due> installments() {
        return installments;
    }

    /** The term end in force: the original, an amendment's, or the termination date once terminated. */
    public LocalDate termEnd() {
        return termEnd;
    }

    public long totalMinor() {
        long total = 0;
        for (Due due : installments) {
            total += due.amountMinor();
        }
        return total;
    }

    public long dueOnOrBeforeMinor(LocalDate date) {
        long sum = 0;
        for (Due due : installments) {
            if (!due.dueOn().isAfter(date)) {
                sum += due.amountMinor();
            }
        }
        return sum;
    }

    public Map<Integer, Long> dueAfterByYearMinor(LocalDate date) {
        Map<Integer, Long> byYear = new TreeMap<>();
        for (Due due : installments) {
            if (due.dueOn().isAfter(date)) {
                byYear.merge(due.dueOn().getYear(), due.amountMinor(), Long::sum);
            }
        }
        return byYear;
    }

    private LocalDate newTermEnd(Amendment amendment) {
        return amendment.newTermEnd() != null ? amendment.newTermEnd() : termEnd;
    }

    /** The due dates an amendment effective on E spreads over: months of the term whose installment is due after E. */
    private List<LocalDate> spreadDates(Amendment amendment) {
        LocalDate end = newTermEnd(amendment);
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate dueOn : monthEnds(termStart, end)) {
            if (dueOn.isAfter(amendment.effectiveDate())) {
                dates.add(dueOn);
            }
        }
        return dates;
    }

    /** Every rule the amendment would break if applied to this state; empty when it may apply. */
    public Set<Rule> breaches(Amendment amendment, LocalDate commitmentEffective, LocalDate terminatedOn) {
        LocalDate e = amendment.effectiveDate();
        LocalDate end = newTermEnd(amendment);
        Set<Rule> broken = EnumSet.noneOf(Rule.class);
        if (e.isBefore(commitmentEffective)) {
            broken.add(Rule.BEFORE_COMMITMENT);
        }
        if (terminatedOn != null && !e.isBefore(terminatedOn)) {
            broken.add(Rule.AFTER_TERMINATION);
        }
        if (e.isAfter(termEnd)) {
            broken.add(Rule.AFTER_TERM_END);
        }
        if (end.isBefore(termStart) || end.isBefore(e)) {
            broken.add(Rule.TERM_END_OUT_OF_RANGE);
        }
        long committedAfter = totalMinor() + amendment.amountDeltaMinor();
        long fallenDue = dueOnOrBeforeMinor(e);
        if (committedAfter < fallenDue) {
            broken.add(Rule.BELOW_FALLEN_DUE);
        }
        if (committedAfter > fallenDue && spreadDates(amendment).isEmpty()) {
            broken.add(Rule.NO_INSTALLMENT_LEFT);
        }
        return broken;
    }

    public ReferenceCommitment amend(Amendment amendment) {
        LocalDate e = amendment.effectiveDate();
        List<Due> next = new ArrayList<>();
        long kept = 0;
        for (Due due : installments) {
            if (!due.dueOn().isAfter(e)) {
                next.add(due);
                kept += due.amountMinor();
            }
        }
        long left = totalMinor() + amendment.amountDeltaMinor() - kept;
        List<LocalDate> dates = spreadDates(amendment);
        if (left < 0 || (left > 0 && dates.isEmpty())) {
            throw new IllegalStateException("model asked to apply a refused amendment " + amendment);
        }
        next.addAll(evenly(left, dates));
        return new ReferenceCommitment(termStart, newTermEnd(amendment), next);
    }

    public ReferenceCommitment terminate(LocalDate terminatedOn) {
        List<Due> kept = new ArrayList<>();
        for (Due due : installments) {
            if (!due.dueOn().isAfter(terminatedOn)) {
                kept.add(due);
            }
        }
        return new ReferenceCommitment(termStart, terminatedOn, kept);
    }

    public static List<Amendment> inApplyOrder(List<Amendment> amendments) {
        List<Amendment> sorted = new ArrayList<>(amendments);
        sorted.sort(APPLY_ORDER);
        return sorted;
    }

    /** The first amendment in apply order that breaks a rule, with every rule it breaks. */
    public record Breach(Amendment amendment, Set<Rule> rules) {}

    public static Optional<Breach> firstBreach(Terms terms, List<Amendment> amendments, LocalDate terminatedOn) {
        ReferenceCommitment model = straightLine(terms);
        for (Amendment amendment : inApplyOrder(amendments)) {
            Set<Rule> broken = model.breaches(amendment, terms.effectiveDate(), terminatedOn);
            if (!broken.isEmpty()) {
                return Optional.of(new Breach(amendment, broken));
            }
            model = model.amend(amendment);
        }
        return Optional.empty();
    }

    /**
     * The amendments that can stand: walks the candidates in apply order and keeps each one that breaks no rule given
     * the ones kept before it. The kept ones stay in their recorded (list) order.
     */
    public static List<Amendment> keepingTheRules(Terms terms, List<Amendment> candidates, LocalDate terminatedOn) {
        ReferenceCommitment model = straightLine(terms);
        List<Amendment> kept = new ArrayList<>();
        for (Amendment amendment : inApplyOrder(candidates)) {
            if (model.breaches(amendment, terms.effectiveDate(), terminatedOn).isEmpty()) {
                model = model.amend(amendment);
                kept.add(amendment);
            }
        }
        List<Amendment> inRecordedOrder = new ArrayList<>(candidates);
        inRecordedOrder.retainAll(kept);
        return inRecordedOrder;
    }
}

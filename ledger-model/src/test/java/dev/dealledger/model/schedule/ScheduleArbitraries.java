package dev.dealledger.model.schedule;

import dev.dealledger.testkit.oracle.ReferenceCommitment;
import dev.dealledger.testkit.oracle.ReferenceTimeline;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** Shared generators for the schedule properties: dates that like month ends and leap days, terms and histories. */
final class ScheduleArbitraries {

    /** Up to 10^15 minor units: 10 trillion in a two-decimal currency, well past any single deal. */
    static final long MAX_AMOUNT_MINOR = 1_000_000_000_000_000L;

    private ScheduleArbitraries() {}

    /** Amounts from 0 to 10^15 minor units, with extra weight on amounts smaller than a term's month count. */
    static Arbitrary<Long> amountsMinor() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(0, 300)),
                Tuple.of(3, Arbitraries.longs().between(0, MAX_AMOUNT_MINOR)));
    }

    /** Months from 1996 to 2104: spans the leap year 2000 and the non-leap 2100. */
    static Arbitrary<YearMonth> months() {
        return Combinators.combine(
                        Arbitraries.integers().between(1996, 2104),
                        Arbitraries.integers().between(1, 12))
                .as(YearMonth::of);
    }

    static Arbitrary<LocalDate> dates() {
        return Combinators.combine(months(), Arbitraries.integers().between(1, 31), Arbitraries.of(true, false))
                .as((month, day, monthEnd) ->
                        monthEnd ? month.atEndOfMonth() : month.atDay(Math.min(day, month.lengthOfMonth())));
    }

    /** A straight-line term: its start, its month count (1..maxMonths) and its end, any day of the end month. */
    record Term(LocalDate start, int months, LocalDate end) {}

    static Arbitrary<Term> terms(int maxMonths) {
        return Combinators.combine(
                        dates(),
                        Arbitraries.integers().between(1, maxMonths).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.integers().between(1, 31))
                .as((start, months, day) -> {
                    YearMonth endMonth = YearMonth.from(start).plusMonths(months - 1);
                    LocalDate end = endMonth.atDay(Math.min(day, endMonth.lengthOfMonth()));
                    // A one-month term cannot end before it starts.
                    return new Term(start, months, end.isBefore(start) ? start : end);
                });
    }

    /**
     * A commitment's terms: amount up to 10^12 minor units (so that a handful of deltas of the same size stay far from
     * overflow), term of 1..120 months, holding from 0..120 days before the term starts.
     */
    static Arbitrary<CommitmentTerms> commitmentTerms() {
        Arbitrary<Long> amounts = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 500), Arbitraries.longs().between(0, 1_000_000_000_000L));
        return Combinators.combine(amounts, terms(120), Arbitraries.integers().between(0, 120))
                .as((amount, term, lead) -> new CommitmentTerms(
                        amount, term.start(), term.end(), term.start().minusDays(lead)));
    }

    /**
     * One commitment with amendments in recorded order (list order; {@code recordedOrder} increases along it) and an
     * optional termination. Effective dates come from a small pool so that ties are common, and they are in random
     * order relative to the recording, so backdated amendments are common too. Nothing here guarantees that the
     * history keeps the rules; see {@link #keepingTheRules()}.
     */
    record Scenario(CommitmentTerms terms, List<AmendmentFact> amendments, LocalDate terminatedOn) {

        CommitmentTimeline timeline() {
            return CommitmentTimeline.of(terms, amendments, terminatedOn);
        }

        /** The same history without the candidates the rules refuse. */
        Scenario keepingTheRules() {
            return new Scenario(terms, Oracle.keepingTheRules(terms, amendments, terminatedOn), terminatedOn);
        }

        Scenario withoutTermination() {
            return new Scenario(terms, amendments, null);
        }

        /** The brute-force model of this history, to read at any date. */
        ReferenceTimeline model() {
            return Oracle.timeline(terms, amendments, terminatedOn);
        }

        /** The latest date any fact or installment of this history can touch. */
        LocalDate horizon() {
            LocalDate latest = terms.termEnd();
            for (AmendmentFact a : amendments) {
                if (a.newTermEnd() != null && a.newTermEnd().isAfter(latest)) {
                    latest = a.newTermEnd();
                }
                if (a.effectiveDate().isAfter(latest)) {
                    latest = a.effectiveDate();
                }
            }
            return YearMonth.from(latest).atEndOfMonth();
        }

        /**
         * Every date at which a reading can change, and its neighbours: each month end (and the day before it) from
         * before the commitment to after the last term end, each effective date +-1 day, the termination +-1 day.
         */
        List<LocalDate> probeDates() {
            TreeSet<LocalDate> dates = new TreeSet<>();
            YearMonth from = YearMonth.from(terms.effectiveDate()).minusMonths(1);
            YearMonth to = YearMonth.from(horizon()).plusMonths(1);
            for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                dates.add(m.atEndOfMonth());
                dates.add(m.atEndOfMonth().minusDays(1));
            }
            List<LocalDate> facts = new ArrayList<>();
            facts.add(terms.effectiveDate());
            amendments.forEach(a -> facts.add(a.effectiveDate()));
            if (terminatedOn != null) {
                facts.add(terminatedOn);
            }
            for (LocalDate fact : facts) {
                dates.add(fact.minusDays(1));
                dates.add(fact);
                dates.add(fact.plusDays(1));
            }
            return List.copyOf(dates);
        }
    }

    /**
     * A point of a date range as a share of it (per mille) plus how to snap it: 0 to its month end, 1 to its month's
     * first day, 2 not at all; or, when {@code landmark} is 1..4, one of four dates given by the caller, where the
     * rules have their boundaries (a term end and the day after it, say). Kept relative so that histories need no
     * {@code flatMap} (which generates and shrinks poorly).
     */
    private record RelativeDate(int perMille, int snap, int landmark) {

        LocalDate in(LocalDate from, LocalDate to, List<LocalDate> landmarks) {
            if (landmark > 0) {
                return landmarks.get(landmark - 1);
            }
            long span = to.toEpochDay() - from.toEpochDay();
            LocalDate date = from.plusDays(span * perMille / 1000);
            return switch (snap) {
                case 0 -> YearMonth.from(date).atEndOfMonth();
                case 1 -> date.withDayOfMonth(1);
                default -> date;
            };
        }
    }

    private static Arbitrary<RelativeDate> relativeDates() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1000).withDistribution(RandomDistribution.uniform()),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.frequencyOf(
                                Tuple.of(12, Arbitraries.just(0)),
                                Tuple.of(4, Arbitraries.integers().between(1, 4))))
                .as(RelativeDate::new)
                // Edge cases (0 and 1000 per mille) would pile every date onto the ends of its range.
                .withoutEdgeCases();
    }

    /**
     * A candidate amendment before it meets its commitment: which date of the pool it takes, a delta (kind 0: none,
     * 1: a few cents, 2: a share of the amount between -110% and +110%, 3: what brings the original schedule to what
     * has fallen due by E, give or take a cent) and an optional new term end, mostly after its effective date (from 10
     * days before it) and up to four years past the term end.
     */
    private record Draft(int poolIndex, int deltaKind, long deltaRaw, boolean keepsTermEnd, RelativeDate termEnd) {}

    private static Arbitrary<Draft> drafts() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.frequency(Tuple.of(2, 0), Tuple.of(2, 1), Tuple.of(4, 2), Tuple.of(1, 3)),
                        Arbitraries.longs().between(-1_100_000, 1_100_000),
                        Arbitraries.frequency(Tuple.of(2, true), Tuple.of(3, false)),
                        relativeDates())
                .as(Draft::new);
    }

    /** Whether a generated history ends with a termination. */
    enum Termination {
        NEVER,
        SOMETIMES,
        ALWAYS
    }

    static Arbitrary<Scenario> scenarios(int maxAmendments, Termination termination) {
        return scenarios(maxAmendments, 1, 5, termination);
    }

    /** Histories whose amendments all share one effective date, recorded in random order. */
    static Arbitrary<Scenario> sameDayScenarios(int maxAmendments) {
        return scenarios(maxAmendments, 1, 1, Termination.NEVER);
    }

    /** Histories whose amendments spread over at least three effective dates (when there are enough of them). */
    static Arbitrary<Scenario> spreadOutScenarios(int maxAmendments, Termination termination) {
        return scenarios(maxAmendments, 3, 6, termination);
    }

    private static Arbitrary<Scenario> scenarios(
            int maxAmendments, int minDates, int maxDates, Termination termination) {
        Arbitrary<List<RelativeDate>> pools = relativeDates()
                .list()
                .ofMinSize(minDates)
                .ofMaxSize(maxDates)
                .withSizeDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
        // Without edge cases, or the empty history would make up a quarter of all tries.
        Arbitrary<List<Draft>> draftLists = drafts().list()
                .ofMaxSize(maxAmendments)
                .withSizeDistribution(RandomDistribution.uniform())
                .withoutEdgeCases();
        Arbitrary<RelativeDate> terminations = switch (termination) {
            case NEVER -> Arbitraries.just(null);
            case SOMETIMES -> relativeDates().injectNull(0.5);
            case ALWAYS -> relativeDates();
        };
        return Combinators.combine(commitmentTerms(), pools, draftLists, terminations)
                .as(ScheduleArbitraries::scenario);
    }

    private static Scenario scenario(
            CommitmentTerms terms, List<RelativeDate> pool, List<Draft> drafts, RelativeDate termination) {
        // Effective dates from a little before the commitment holds to a little after its term ends.
        LocalDate from = terms.effectiveDate().minusDays(5);
        LocalDate to = terms.termEnd().plusDays(40);
        List<LocalDate> effectiveLandmarks = List.of(
                terms.effectiveDate().minusDays(1),
                terms.effectiveDate(),
                terms.termEnd(),
                terms.termEnd().plusDays(1));
        ReferenceCommitment original =
                ReferenceCommitment.straightLine(terms.amountMinor(), terms.termStart(), terms.termEnd());
        List<AmendmentFact> facts = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            LocalDate effective = pool.get(d.poolIndex() % pool.size()).in(from, to, effectiveLandmarks);
            long scale = Math.max(terms.amountMinor(), 1000);
            long delta = switch (d.deltaKind()) {
                case 0 -> 0;
                case 1 -> d.deltaRaw() % 1001;
                case 2 -> scale * d.deltaRaw() / 1_000_000; // |product| <= 1.1e18, no overflow
                default -> original.dueOnOrBeforeMinor(effective) - terms.amountMinor() + d.deltaRaw() % 2;
            };
            LocalDate latest = effective.isAfter(terms.termEnd()) ? effective : terms.termEnd();
            List<LocalDate> termEndLandmarks = List.of(
                    effective,
                    effective.minusDays(1),
                    terms.termStart(),
                    terms.termStart().minusDays(1));
            LocalDate newTermEnd = d.keepsTermEnd()
                    ? null
                    : d.termEnd().in(effective.minusDays(10), latest.plusYears(4), termEndLandmarks);
            // Recorded orders with gaps, like global event positions, so that nothing can confuse them with indices.
            facts.add(new AmendmentFact("amd-" + (i + 1), effective, 10L * (i + 1) + 3, delta, newTermEnd));
        }
        LocalDate someEffectiveDate = pool.get(0).in(from, to, effectiveLandmarks);
        List<LocalDate> terminationLandmarks = List.of(
                someEffectiveDate,
                someEffectiveDate.plusDays(1),
                terms.termEnd(),
                terms.termEnd().plusDays(1));
        LocalDate terminatedOn =
                termination == null ? null : termination.in(terms.effectiveDate(), to, terminationLandmarks);
        if (terminatedOn != null && terminatedOn.isBefore(terms.effectiveDate())) {
            // Snapping to the first of the month can land before the commitment holds; nothing ends before it starts.
            terminatedOn = terms.effectiveDate();
        }
        return new Scenario(terms, facts, terminatedOn);
    }

    /** Histories whose every amendment keeps the rules (refused candidates dropped), with or without termination. */
    static Arbitrary<Scenario> validScenarios(int maxAmendments, Termination termination) {
        return scenarios(maxAmendments, termination).map(Scenario::keepingTheRules);
    }
}

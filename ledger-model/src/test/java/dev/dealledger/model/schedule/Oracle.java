package dev.dealledger.model.schedule;

import dev.dealledger.testkit.oracle.ReferenceCommitment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Amendment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Breach;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Rule;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Terms;
import dev.dealledger.testkit.oracle.ReferenceTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The testkit's oracle of the schedule rules, asked in this module's types. The oracle takes its own input records so
 * that it cannot lean on the code it checks; this only copies each fact across, field by field, and back.
 */
final class Oracle {

    private Oracle() {}

    static Terms terms(CommitmentTerms t) {
        return new Terms(t.amountMinor(), t.termStart(), t.termEnd(), t.effectiveDate());
    }

    static Amendment amendment(AmendmentFact a) {
        return new Amendment(
                a.amendmentId(), a.effectiveDate(), a.recordedOrder(), a.amountDeltaMinor(), a.newTermEnd());
    }

    static Rule rule(AmendmentRefusal refusal) {
        return Rule.valueOf(refusal.name());
    }

    private static List<Amendment> amendments(List<AmendmentFact> facts) {
        return facts.stream().map(Oracle::amendment).toList();
    }

    /** The facts in the oracle's apply order. */
    static List<AmendmentFact> inApplyOrder(List<AmendmentFact> amendments) {
        List<AmendmentFact> sorted = new ArrayList<>(amendments);
        sorted.sort(Comparator.comparing(Oracle::amendment, ReferenceCommitment.APPLY_ORDER));
        return sorted;
    }

    static Optional<Breach> firstBreach(CommitmentTerms terms, List<AmendmentFact> amendments, LocalDate terminatedOn) {
        return ReferenceCommitment.firstBreach(terms(terms), amendments(amendments), terminatedOn);
    }

    /** The candidates the oracle keeps, as the facts they came from, in their recorded (list) order. */
    static List<AmendmentFact> keepingTheRules(
            CommitmentTerms terms, List<AmendmentFact> candidates, LocalDate terminatedOn) {
        List<Amendment> kept = ReferenceCommitment.keepingTheRules(terms(terms), amendments(candidates), terminatedOn);
        return candidates.stream().filter(a -> kept.contains(amendment(a))).toList();
    }

    static ReferenceTimeline timeline(CommitmentTerms terms, List<AmendmentFact> amendments, LocalDate terminatedOn) {
        return new ReferenceTimeline(terms(terms), amendments(amendments), terminatedOn);
    }
}

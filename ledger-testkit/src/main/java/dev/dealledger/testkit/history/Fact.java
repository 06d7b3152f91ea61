package dev.dealledger.testkit.history;

import dev.dealledger.api.Direction;
import java.time.LocalDate;

/**
 * One fact of a generated history, in the ledger's own terms and in minor units, before anyone records it: a test
 * records it through the query service's test script, the benchmark turns it into a stored event. Money facts carry
 * their deal's currency so that neither has to look it up.
 */
public sealed interface Fact {

    record Counterparty(String counterpartyId, String legalName, LocalDate effectiveDate) implements Fact {}

    record Agreement(String agreementId, String counterpartyId, String title, LocalDate signedOn) implements Fact {}

    record Deal(
            String dealId,
            String agreementId,
            String counterpartyId,
            Direction direction,
            String currency,
            String title,
            LocalDate signedOn,
            String sourceReference)
            implements Fact {}

    record Commitment(
            String dealId,
            String commitmentId,
            long amountMinor,
            String currency,
            LocalDate termStart,
            LocalDate termEnd,
            String resource,
            LocalDate effectiveDate)
            implements Fact {}

    record Option(
            String dealId,
            String optionId,
            long maxMinor,
            String currency,
            LocalDate exercisableFrom,
            LocalDate expiresOn,
            LocalDate effectiveDate)
            implements Fact {}

    /** An exercise, which records the commitment {@code commitmentId}; the rest of the option's maximum lapses. */
    record Exercise(
            String dealId,
            String optionId,
            String commitmentId,
            long amountMinor,
            long lapsedMinor,
            String currency,
            LocalDate termStart,
            LocalDate termEnd,
            String resource,
            LocalDate effectiveDate)
            implements Fact {}

    /** {@code deltaMinor} is signed, 0 when only the term changes; {@code newTermEnd} is null when the term end stays. */
    record Amendment(
            String dealId,
            String commitmentId,
            String amendmentId,
            long deltaMinor,
            String currency,
            LocalDate newTermEnd,
            String reason,
            LocalDate effectiveDate)
            implements Fact {}

    record Termination(String dealId, String commitmentId, String reason, LocalDate effectiveDate) implements Fact {}
}

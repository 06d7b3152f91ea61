package dev.dealledger.query.readmodel;

import dev.dealledger.api.Direction;
import java.time.LocalDate;

/**
 * A commitment fact as a fold streams it ({@link ReadModelQueries#withCommitmentFactsByCommitment}): the columns the
 * derivations read, as a plain value. Building an entity per row set each field through Hibernate's dirty tracker,
 * which grew an array per field: about a tenth of the console's counterparty view on the benchmark's largest
 * counterparty (docs/benchmarks.md).
 */
public record CommitmentFactRow(
        long position,
        CommitmentFactEntity.Kind kind,
        String dealId,
        String counterpartyId,
        Direction direction,
        String currency,
        String commitmentId,
        LocalDate effectiveDate,
        Long amountMinor,
        LocalDate termStart,
        LocalDate termEnd,
        String amendmentId)
        implements CommitmentFact {}

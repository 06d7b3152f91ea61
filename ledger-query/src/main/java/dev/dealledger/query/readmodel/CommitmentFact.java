package dev.dealledger.query.readmodel;

import dev.dealledger.api.Direction;
import java.time.LocalDate;

/**
 * What the derivations read of one commitment fact: a stored row ({@link CommitmentFactEntity}), or a row streamed
 * for a fold over many ({@link CommitmentFactRow}), which skips the entity's dirty tracking on every field it sets.
 */
public interface CommitmentFact {

    long position();

    CommitmentFactEntity.Kind kind();

    String dealId();

    String counterpartyId();

    Direction direction();

    String currency();

    String commitmentId();

    LocalDate effectiveDate();

    /** RECORDED: the original amount; AMENDED: the signed delta; in minor units of {@link #currency()}. */
    Long amountMinor();

    LocalDate termStart();

    /** RECORDED: the term end; AMENDED: the new term end, or null when unchanged. */
    LocalDate termEnd();

    String amendmentId();
}

package dev.dealledger.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What every write answers: the ids it touched, the aggregate version (also sent as ETag), the instant the ledger
 * recorded it, and its global event position (also sent as X-Ledger-Position, usable as X-Ledger-Min-Position), and
 * the hash of the whole log at {@code committedThrough}, as the transaction's signed checkpoint states it
 * (docs/security.md): a client that keeps receipts can hold the ledger to them later. A period close also answers the
 * instant its figures as reported are as known at ({@code closedAt}) and their digest.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WriteReceipt(
        String counterpartyId,
        String agreementId,
        String dealId,
        String commitmentId,
        String optionId,
        String amendmentId,
        long version,
        Instant recordedAt,
        long position,
        long committedThrough,
        String logHash,
        Instant closedAt,
        String digestEncoding,
        String digest) {

    static Builder ids() {
        return new Builder();
    }

    /** Collects the ids of a write before its version and position are known. */
    static final class Builder {
        String counterpartyId;
        String agreementId;
        String dealId;
        String commitmentId;
        String optionId;
        String amendmentId;
        Instant closedAt;
        String digestEncoding;
        String digest;

        Builder counterparty(String id) {
            counterpartyId = id;
            return this;
        }

        Builder agreement(String id) {
            agreementId = id;
            return this;
        }

        Builder deal(String id) {
            dealId = id;
            return this;
        }

        Builder commitment(String id) {
            commitmentId = id;
            return this;
        }

        Builder option(String id) {
            optionId = id;
            return this;
        }

        Builder amendment(String id) {
            amendmentId = id;
            return this;
        }

        Builder period(Instant figuresKnownAt, String encoding, String figuresDigest) {
            closedAt = figuresKnownAt;
            digestEncoding = encoding;
            digest = figuresDigest;
            return this;
        }

        WriteReceipt at(long version, Instant recordedAt, long position, long committedThrough, String logHash) {
            return new WriteReceipt(
                    counterpartyId,
                    agreementId,
                    dealId,
                    commitmentId,
                    optionId,
                    amendmentId,
                    version,
                    recordedAt,
                    position,
                    committedThrough,
                    logHash,
                    closedAt,
                    digestEncoding,
                    digest);
        }
    }
}

package dev.dealledger.command.domain;

import java.util.Optional;

/** What the domain needs to know about agreements recorded elsewhere in the ledger. */
public interface AgreementDirectory {
    /** The counterparty of the agreement, or empty when no such agreement is recorded. */
    Optional<String> counterpartyOf(String agreementId);
}

package dev.dealledger.command.domain;

/** What the domain needs to know about counterparties recorded elsewhere in the ledger. */
public interface CounterpartyDirectory {
    boolean isRegistered(String counterpartyId);
}

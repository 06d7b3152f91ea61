package dev.dealledger.api;

/** Which way the money of a deal flows, seen from the ledger owner's side. Defined once, here. */
public enum Direction {
    /** We buy capacity: the amounts are our future payment obligations. */
    PAYABLE,
    /** We sell capacity: the amounts are our backlog. */
    RECEIVABLE
}

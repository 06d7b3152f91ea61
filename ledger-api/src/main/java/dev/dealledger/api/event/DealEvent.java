package dev.dealledger.api.event;

/** A fact recorded on one deal's stream. */
public interface DealEvent extends LedgerEvent {
    String dealId();
}

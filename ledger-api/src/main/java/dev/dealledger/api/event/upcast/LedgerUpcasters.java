package dev.dealledger.api.event.upcast;

import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The upcasters of the stored event contract, in order. Both services read events through this chain, so an old
 * revision in the store loads as the current class everywhere.
 */
public final class LedgerUpcasters {

    private LedgerUpcasters() {}

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new AgreementSignedEventUpcaster(), new PeriodClosedEventUpcaster());
    }
}

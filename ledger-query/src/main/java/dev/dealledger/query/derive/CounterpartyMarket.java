package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;
import java.util.Comparator;

/**
 * One counterparty in one market (currency and direction): the unit that figures are summed over, because amounts are
 * never mixed across currencies.
 */
public record CounterpartyMarket(String counterpartyId, String currency, Direction direction)
        implements Comparable<CounterpartyMarket> {

    private static final Comparator<CounterpartyMarket> ORDER = Comparator.comparing(CounterpartyMarket::counterpartyId)
            .thenComparing(CounterpartyMarket::currency)
            .thenComparing(CounterpartyMarket::direction);

    /** The market this key is part of. */
    public Market market() {
        return new Market(currency, direction);
    }

    @Override
    public int compareTo(CounterpartyMarket other) {
        return ORDER.compare(this, other);
    }
}

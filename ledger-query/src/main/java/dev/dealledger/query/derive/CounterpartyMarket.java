package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;

/**
 * One counterparty in one market (currency and direction): the unit that figures are summed over, because amounts are
 * never mixed across currencies.
 */
public record CounterpartyMarket(String counterpartyId, String currency, Direction direction)
        implements Comparable<CounterpartyMarket> {

    /** The market this key is part of. */
    public Market market() {
        return new Market(currency, direction);
    }

    /** By counterparty, currency and direction; written out, since sorted maps compare keys at every step of a read. */
    @Override
    public int compareTo(CounterpartyMarket other) {
        int c = counterpartyId.compareTo(other.counterpartyId);
        if (c == 0) {
            c = currency.compareTo(other.currency);
        }
        return c != 0 ? c : direction.compareTo(other.direction);
    }
}

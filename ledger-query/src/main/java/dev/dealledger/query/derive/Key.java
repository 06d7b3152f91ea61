package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;
import java.util.Comparator;

/** Totals are kept per counterparty, currency and direction: amounts are never mixed across currencies. */
public record Key(String counterpartyId, String currency, Direction direction) implements Comparable<Key> {

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::counterpartyId)
            .thenComparing(Key::currency)
            .thenComparing(Key::direction);

    @Override
    public int compareTo(Key other) {
        return ORDER.compare(this, other);
    }
}

package dev.dealledger.e2e.reliability;

/**
 * How hard the reliability tests push. By default they are sized for CI (a few minutes in all); with
 * {@code -Dledger.reliability.long=true} they run larger loads, more faults and longer outages (docs/reliability.md).
 */
final class Scale {

    static final boolean LONG = Boolean.getBoolean("ledger.reliability.long");

    private Scale() {}

    static int of(int quick, int longRun) {
        return LONG ? longRun : quick;
    }
}

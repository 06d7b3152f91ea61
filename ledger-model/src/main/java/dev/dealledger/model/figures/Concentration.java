package dev.dealledger.model.figures;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Concentration: one counterparty's remaining as a share of the remaining of every counterparty in the same currency
 * and direction (its market), half-even to 6 places (docs/domain.md, "Concentration").
 */
public final class Concentration {

    /** The scale of every concentration the ledger shows. */
    public static final int SCALE = 6;

    private Concentration() {}

    /** {@code mine} as a share of {@code market}; 0.000000 when the market has nothing left. */
    public static BigDecimal share(BigInteger mine, BigInteger market) {
        if (market.signum() < 0 || mine.signum() < 0 || mine.compareTo(market) > 0) {
            throw new IllegalArgumentException(
                    "a share is of a part of a non-negative whole: " + mine + " of " + market);
        }
        if (market.signum() == 0) {
            return BigDecimal.ZERO.setScale(SCALE);
        }
        return new BigDecimal(mine).divide(new BigDecimal(market), SCALE, RoundingMode.HALF_EVEN);
    }
}

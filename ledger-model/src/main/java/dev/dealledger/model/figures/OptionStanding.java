package dev.dealledger.model.figures;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where one option stands at one asOf: the potential it adds to exposure, and whether it was exercised. An option adds
 * its amount from its grant until it is exercised (then its commitment counts instead) or expires: it is still open on
 * its expiry date and lapsed the day after (docs/domain.md, "Potential").
 */
public record OptionStanding(long potentialMinor, boolean exercised) {

    public OptionStanding {
        if (potentialMinor < 0) {
            throw new IllegalArgumentException("an option's potential is never negative: " + potentialMinor);
        }
        if (exercised && potentialMinor != 0) {
            throw new IllegalArgumentException("an exercised option has no potential left: " + potentialMinor);
        }
    }

    /** The standing at {@code asOf} of an option of {@code amountMinor} expiring on {@code expiresOn}. */
    public static OptionStanding asOf(long amountMinor, LocalDate expiresOn, boolean exercised, LocalDate asOf) {
        Objects.requireNonNull(expiresOn, "an option always has an expiry date");
        boolean open = !exercised && !expiresOn.isBefore(asOf);
        return new OptionStanding(open ? amountMinor : 0, exercised);
    }

    /** Open: still able to add to the commitments, so counted in potential. */
    public boolean open() {
        return potentialMinor > 0;
    }
}

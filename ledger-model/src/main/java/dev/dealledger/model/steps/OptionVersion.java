package dev.dealledger.model.steps;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One option as known at one instant: its grant and, once recorded, its exercise ({@code exercisedOn}, else null).
 * Granted on {@code grantedOn}, it is open up to and including {@code expiresOn} unless exercised earlier
 * (docs/domain.md, "Potential").
 */
public record OptionVersion(long amountMinor, LocalDate grantedOn, LocalDate expiresOn, LocalDate exercisedOn) {

    public OptionVersion {
        Objects.requireNonNull(grantedOn, "an option is granted on a date");
        Objects.requireNonNull(expiresOn, "an option always has an expiry date");
    }

    public OptionVersion exercised(LocalDate on) {
        return new OptionVersion(amountMinor, grantedOn, expiresOn, on);
    }
}

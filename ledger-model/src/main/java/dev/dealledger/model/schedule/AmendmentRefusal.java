package dev.dealledger.model.schedule;

/** Why an amendment cannot apply at its place in a commitment's history (docs/domain.md, "An amendment effective on E"). */
public enum AmendmentRefusal {
    /** Effective before the commitment itself holds. */
    BEFORE_COMMITMENT,
    /** Effective after the (possibly amended) term end. */
    AFTER_TERM_END,
    /** Effective on or after a termination. */
    AFTER_TERMINATION,
    /** Would leave committed below what has already fallen due. */
    BELOW_FALLEN_DUE,
    /** The new term end lies before the term start or before the effective date. */
    TERM_END_OUT_OF_RANGE,
    /** An amount would remain but no installment month is left to carry it. */
    NO_INSTALLMENT_LEFT,
    /** The amended amount would be larger than one commitment can carry (a long count of minor units). */
    AMOUNT_OUT_OF_RANGE
}

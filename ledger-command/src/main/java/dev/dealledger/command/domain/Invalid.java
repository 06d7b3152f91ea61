package dev.dealledger.command.domain;

import java.time.LocalDate;

/** Refusals of values that are well-formed but not acceptable. */
public final class Invalid {
    private Invalid() {}

    private abstract static class Base extends LedgerRuleException {
        Base(String type, String field, String message) {
            super(type, field, message);
        }

        @Override
        public Kind kind() {
            return Kind.INVALID;
        }
    }

    public static final class NonPositiveAmountException extends Base {
        public NonPositiveAmountException(String field) {
            super("non-positive-amount", field, field + " must be greater than zero");
        }
    }

    public static final class AmountPrecisionException extends Base {
        public AmountPrecisionException(String field, String currency, int digits) {
            super(
                    "amount-precision",
                    field,
                    field + " has more decimals than " + currency + " allows (" + digits + ")");
        }
    }

    public static final class AmountOutOfRangeException extends Base {
        public AmountOutOfRangeException(String field, String currency) {
            super(
                    "amount-out-of-range",
                    field,
                    field + " is larger than the ledger can hold in " + currency + ": at most "
                            + AmountPolicy.largest(currency) + " per commitment or option");
        }
    }

    public static final class InvalidCurrencyException extends Base {
        public InvalidCurrencyException(String message) {
            super("invalid-currency", "currency", message);
        }
    }

    public static final class TermEndBeforeStartException extends Base {
        public TermEndBeforeStartException(String field) {
            super("term-end-before-start", field, field + " must not be before termStart");
        }
    }

    public static final class UnknownCounterpartyException extends Base {
        public UnknownCounterpartyException(String counterpartyId) {
            super("unknown-counterparty", "counterpartyId", "no counterparty '" + counterpartyId + "' is registered");
        }
    }

    public static final class UnknownAgreementException extends Base {
        public UnknownAgreementException(String agreementId) {
            super("unknown-agreement", "agreementId", "no agreement '" + agreementId + "' is recorded");
        }
    }

    public static final class EmptyAmendmentException extends Base {
        public EmptyAmendmentException() {
            super("empty-amendment", "amountDelta", "an amendment needs a non-zero amountDelta, a newTermEnd, or both");
        }
    }

    public static final class ReasonRequiredException extends Base {
        public ReasonRequiredException() {
            super("reason-required", "reason", "a reason is required");
        }
    }

    public static final class SameCurrencyPairException extends Base {
        public SameCurrencyPairException(String currency) {
            super(
                    "same-currency-pair",
                    "quoteCurrency",
                    "a rate converts one currency to another; " + currency + " is on both sides");
        }
    }

    public static final class NotACalendarDateException extends Base {
        public NotACalendarDateException(String field, String value) {
            super("validation", field, field + " is not a calendar date: " + value);
        }
    }

    public static final class NonPositiveRateException extends Base {
        public NonPositiveRateException() {
            super("non-positive-rate", "rate", "rate must be greater than zero");
        }
    }

    public static final class PeriodInFutureException extends Base {
        public PeriodInFutureException(LocalDate periodEnd, LocalDate today) {
            super(
                    "period-in-future",
                    "periodEnd",
                    "the period ending " + periodEnd + " has not ended yet (today is " + today + ", UTC)");
        }
    }

    public static final class OptionWindowInvalidException extends Base {
        public OptionWindowInvalidException() {
            super("option-window-invalid", "expiresOn", "expiresOn must not be before exercisableFrom");
        }
    }
}

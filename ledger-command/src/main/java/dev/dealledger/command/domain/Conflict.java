package dev.dealledger.command.domain;

import dev.dealledger.model.schedule.AmendmentRefusal;
import java.time.LocalDate;

/** Refusals by a business rule, given what the ledger has already recorded. */
public final class Conflict {
    private Conflict() {}

    private abstract static class Base extends LedgerRuleException {
        Base(String type, String message) {
            super(type, null, message);
        }

        @Override
        public Kind kind() {
            return Kind.CONFLICT;
        }
    }

    public static final class IdAlreadyUsedException extends Base {
        public IdAlreadyUsedException(String what, String id) {
            super("id-already-used", what + " '" + id + "' is already recorded");
        }
    }

    public static final class OptionAlreadyExercisedException extends Base {
        public OptionAlreadyExercisedException(String optionId) {
            super("option-already-exercised", "option '" + optionId + "' has already been exercised");
        }
    }

    public static final class OptionNotExercisableException extends Base {
        public OptionNotExercisableException(String optionId, LocalDate from, LocalDate expiresOn, LocalDate on) {
            super(
                    "option-not-exercisable",
                    "option '" + optionId + "' is exercisable from " + from + " until " + expiresOn + ", not on " + on);
        }
    }

    public static final class ExerciseExceedsOptionException extends Base {
        public ExerciseExceedsOptionException(String optionId, String maxAmount) {
            super("exercise-exceeds-option", "option '" + optionId + "' allows at most " + maxAmount);
        }
    }

    public static final class CommitmentTerminatedException extends Base {
        public CommitmentTerminatedException(String commitmentId) {
            super("commitment-terminated", "commitment '" + commitmentId + "' is already terminated");
        }
    }

    public static final class TerminationRefusedException extends Base {
        public TerminationRefusedException(String message) {
            super("termination-refused", message);
        }
    }

    public static final class PeriodAlreadyClosedException extends Base {
        public PeriodAlreadyClosedException(LocalDate periodEnd) {
            super("period-already-closed", "the period ending " + periodEnd + " is already closed");
        }
    }

    /** An amendment would break the commitment's history at {@code amendmentId}, for {@code reason}. */
    public static final class AmendmentRefusedException extends Base {
        private final AmendmentRefusal reason;

        public AmendmentRefusedException(String amendmentId, AmendmentRefusal reason, String message) {
            super("amendment-refused", "amendment '" + amendmentId + "' refused (" + reason + "): " + message);
            this.reason = reason;
        }

        public AmendmentRefusal reason() {
            return reason;
        }
    }
}

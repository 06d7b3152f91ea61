package dev.dealledger.command.domain;

/** Refusals for ids that name nothing the ledger has recorded. */
public final class NotFound {
    private NotFound() {}

    private abstract static class Base extends LedgerRuleException {
        Base(String type, String message) {
            super(type, null, message);
        }

        @Override
        public Kind kind() {
            return Kind.NOT_FOUND;
        }
    }

    public static final class UnknownCommitmentException extends Base {
        public UnknownCommitmentException(String dealId, String commitmentId) {
            super("unknown-commitment", "deal '" + dealId + "' has no commitment '" + commitmentId + "'");
        }
    }

    public static final class UnknownOptionException extends Base {
        public UnknownOptionException(String dealId, String optionId) {
            super("unknown-option", "deal '" + dealId + "' has no option '" + optionId + "'");
        }
    }
}

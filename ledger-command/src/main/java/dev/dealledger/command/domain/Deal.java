package dev.dealledger.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.dealledger.api.Direction;
import dev.dealledger.api.command.AmendCommitmentCommand;
import dev.dealledger.api.command.ExerciseOptionCommand;
import dev.dealledger.api.command.GrantOptionCommand;
import dev.dealledger.api.command.RecordCommitmentCommand;
import dev.dealledger.api.command.RecordDealCommand;
import dev.dealledger.api.command.TerminateCommitmentCommand;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.AmendmentRefusal;
import dev.dealledger.model.schedule.CommitmentTerms;
import dev.dealledger.model.schedule.CommitmentTimeline;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One order form and everything recorded under it: commitments, options, exercises, amendments and terminations.
 * Command handlers check the rules and apply events; event-sourcing handlers only assign state.
 */
public class Deal {

    @AggregateIdentifier
    private String dealId;

    private String counterpartyId;
    private Direction direction;
    private Currency currency;
    private final Map<String, CommitmentState> commitments = new HashMap<>();
    private final Map<String, OptionState> options = new HashMap<>();
    private final Set<String> amendmentIds = new HashSet<>();

    protected Deal() {}

    @CommandHandler
    public Deal(RecordDealCommand command, AgreementDirectory agreements) {
        String counterparty = agreements
                .counterpartyOf(command.agreementId())
                .orElseThrow(() -> new Invalid.UnknownAgreementException(command.agreementId()));
        Currency dealCurrency;
        try {
            dealCurrency = Currencies.parse(command.currency());
        } catch (IllegalArgumentException e) {
            throw new Invalid.InvalidCurrencyException(e.getMessage());
        }
        apply(new DealRecordedEvent(
                command.dealId(),
                command.agreementId(),
                counterparty,
                command.direction(),
                dealCurrency.getCurrencyCode(),
                command.title(),
                command.signedOn(),
                command.sourceReference(),
                command.signedOn()));
    }

    @CommandHandler
    public void handle(RecordCommitmentCommand command) {
        requireNewCommitmentId(command.commitmentId());
        AmountPolicy.positiveMinor("amount", command.amount(), currency);
        requireTerm(command.termStart(), command.termEnd());
        apply(new CommitmentRecordedEvent(
                dealId,
                command.commitmentId(),
                command.amount(),
                currency.getCurrencyCode(),
                command.termStart(),
                command.termEnd(),
                command.resource(),
                command.effectiveDate()));
    }

    @CommandHandler
    public void handle(GrantOptionCommand command) {
        if (options.containsKey(command.optionId())) {
            throw new Conflict.IdAlreadyUsedException("option", command.optionId());
        }
        AmountPolicy.positiveMinor("maxAmount", command.maxAmount(), currency);
        if (command.expiresOn().isBefore(command.exercisableFrom())) {
            throw new Invalid.OptionWindowInvalidException();
        }
        apply(new OptionGrantedEvent(
                dealId,
                command.optionId(),
                command.maxAmount(),
                currency.getCurrencyCode(),
                command.exercisableFrom(),
                command.expiresOn(),
                command.effectiveDate()));
    }

    @CommandHandler
    public void handle(ExerciseOptionCommand command) {
        OptionState option = options.get(command.optionId());
        if (option == null) {
            throw new NotFound.UnknownOptionException(dealId, command.optionId());
        }
        if (option.exercised) {
            throw new Conflict.OptionAlreadyExercisedException(command.optionId());
        }
        LocalDate on = command.effectiveDate();
        if (on.isBefore(option.exercisableFrom) || on.isAfter(option.expiresOn) || on.isBefore(option.effectiveDate)) {
            throw new Conflict.OptionNotExercisableException(
                    command.optionId(), option.exercisableFrom, option.expiresOn, on);
        }
        requireNewCommitmentId(command.commitmentId());
        long amountMinor = AmountPolicy.positiveMinor("amount", command.amount(), currency);
        long maxMinor = AmountPolicy.toMinor("maxAmount", option.maxAmount, currency);
        if (amountMinor > maxMinor) {
            throw new Conflict.ExerciseExceedsOptionException(command.optionId(), option.maxAmount.toPlainString());
        }
        requireTerm(command.termStart(), command.termEnd());
        BigDecimal lapsed = option.maxAmount.subtract(command.amount());
        apply(new OptionExercisedEvent(
                dealId,
                command.optionId(),
                command.commitmentId(),
                command.amount(),
                lapsed,
                currency.getCurrencyCode(),
                command.termStart(),
                command.termEnd(),
                command.resource(),
                on));
    }

    @CommandHandler
    public void handle(AmendCommitmentCommand command) {
        CommitmentState commitment = commitment(command.commitmentId());
        requireReason(command.reason());
        if (amendmentIds.contains(command.amendmentId())) {
            throw new Conflict.IdAlreadyUsedException("amendment", command.amendmentId());
        }
        BigDecimal delta = command.amountDelta() == null ? BigDecimal.ZERO : command.amountDelta();
        long deltaMinor = AmountPolicy.toMinor("amountDelta", delta, currency);
        if (deltaMinor == 0 && command.newTermEnd() == null) {
            throw new Invalid.EmptyAmendmentException();
        }
        if (command.newTermEnd() != null && command.newTermEnd().isBefore(commitment.terms.termStart())) {
            throw new Invalid.TermEndBeforeStartException("newTermEnd");
        }
        // Recorded after every existing fact, so it sorts last among amendments with the same effective date.
        AmendmentFact candidate = new AmendmentFact(
                command.amendmentId(), command.effectiveDate(), Long.MAX_VALUE, deltaMinor, command.newTermEnd());
        commitment.timeline().withAmendment(candidate).firstRefusal().ifPresent(refused -> {
            if (refused.reason() == AmendmentRefusal.AMOUNT_OUT_OF_RANGE) {
                throw new Invalid.AmountOutOfRangeException("amountDelta", currency.getCurrencyCode());
            }
            throw new Conflict.AmendmentRefusedException(
                    refused.amendment().amendmentId(), refused.reason(), describe(refused, candidate));
        });
        apply(new CommitmentAmendedEvent(
                dealId,
                command.commitmentId(),
                command.amendmentId(),
                delta,
                currency.getCurrencyCode(),
                command.newTermEnd(),
                command.reason(),
                command.effectiveDate()));
    }

    private static String describe(CommitmentTimeline.Refused refused, AmendmentFact candidate) {
        String where = refused.amendment() == candidate
                ? "this amendment"
                : "it would invalidate the later amendment '"
                        + refused.amendment().amendmentId() + "'";
        return switch (refused.reason()) {
            case BEFORE_COMMITMENT -> where + " is effective before the commitment";
            case AFTER_TERM_END -> where + " is effective after the term has ended";
            case AFTER_TERMINATION -> where + " is effective on or after the commitment's termination";
            case BELOW_FALLEN_DUE -> where + " would leave committed below what has already fallen due";
            case TERM_END_OUT_OF_RANGE -> where + " sets a term end before the term start or the effective date";
            case NO_INSTALLMENT_LEFT -> where + " leaves an amount with no installment month to fall in";
            case AMOUNT_OUT_OF_RANGE -> where + " takes the amount beyond what one commitment can carry";
        };
    }

    @CommandHandler
    public void handle(TerminateCommitmentCommand command) {
        CommitmentState commitment = commitment(command.commitmentId());
        requireReason(command.reason());
        if (commitment.terminatedOn != null) {
            throw new Conflict.CommitmentTerminatedException(command.commitmentId());
        }
        LocalDate on = command.effectiveDate();
        CommitmentTimeline timeline = commitment.timeline();
        if (on.isBefore(commitment.terms.effectiveDate())) {
            throw new Conflict.TerminationRefusedException("a termination cannot be effective before the commitment");
        }
        if (on.isAfter(timeline.termEndAsOf(on))) {
            throw new Conflict.TerminationRefusedException("the term has already ended on " + timeline.termEndAsOf(on));
        }
        // Amendments effective on or after the termination stay recorded and counted; from its date on they change
        // nothing (docs/domain.md, "Early termination"). A contract can be cut short whatever its later months held.
        apply(new CommitmentTerminatedEvent(dealId, command.commitmentId(), command.reason(), on));
    }

    private CommitmentState commitment(String commitmentId) {
        CommitmentState commitment = commitments.get(commitmentId);
        if (commitment == null) {
            throw new NotFound.UnknownCommitmentException(dealId, commitmentId);
        }
        return commitment;
    }

    private void requireNewCommitmentId(String commitmentId) {
        if (commitments.containsKey(commitmentId)) {
            throw new Conflict.IdAlreadyUsedException("commitment", commitmentId);
        }
    }

    private static void requireTerm(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new Invalid.TermEndBeforeStartException("termEnd");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new Invalid.ReasonRequiredException();
        }
    }

    @EventSourcingHandler
    void on(DealRecordedEvent event) {
        dealId = event.dealId();
        counterpartyId = event.counterpartyId();
        direction = event.direction();
        currency = Currency.getInstance(event.currency());
    }

    @EventSourcingHandler
    void on(CommitmentRecordedEvent event) {
        commitments.put(
                event.commitmentId(),
                new CommitmentState(new CommitmentTerms(
                        AmountPolicy.toMinor("amount", event.amount(), currency),
                        event.termStart(),
                        event.termEnd(),
                        event.effectiveDate())));
    }

    @EventSourcingHandler
    void on(OptionGrantedEvent event) {
        options.put(
                event.optionId(),
                new OptionState(event.maxAmount(), event.exercisableFrom(), event.expiresOn(), event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(OptionExercisedEvent event) {
        options.get(event.optionId()).exercised = true;
        commitments.put(
                event.commitmentId(),
                new CommitmentState(new CommitmentTerms(
                        AmountPolicy.toMinor("amount", event.amount(), currency),
                        event.termStart(),
                        event.termEnd(),
                        event.effectiveDate())));
    }

    @EventSourcingHandler
    void on(CommitmentAmendedEvent event, @SequenceNumber long sequenceNumber) {
        amendmentIds.add(event.amendmentId());
        commitments
                .get(event.commitmentId())
                .amendments
                .add(new AmendmentFact(
                        event.amendmentId(),
                        event.effectiveDate(),
                        sequenceNumber,
                        AmountPolicy.toMinor("amountDelta", event.amountDelta(), currency),
                        event.newTermEnd()));
    }

    @EventSourcingHandler
    void on(CommitmentTerminatedEvent event, @SequenceNumber long sequenceNumber) {
        CommitmentState commitment = commitments.get(event.commitmentId());
        commitment.terminatedOn = event.effectiveDate();
        commitment.terminatedAtSequence = sequenceNumber;
    }

    /** A commitment as the rules need it: its terms and the facts that changed it. */
    static final class CommitmentState {
        CommitmentTerms terms;
        List<AmendmentFact> amendments = new ArrayList<>();
        LocalDate terminatedOn;
        /** The termination's sequence number in the deal's stream, on the scale of the amendments' recorded order. */
        long terminatedAtSequence;

        /** For snapshots. */
        private CommitmentState() {}

        CommitmentState(CommitmentTerms terms) {
            this.terms = terms;
        }

        CommitmentTimeline timeline() {
            return CommitmentTimeline.of(terms, amendments, terminatedOn, terminatedAtSequence);
        }
    }

    /** An option as the rules need it. */
    static final class OptionState {
        BigDecimal maxAmount;
        LocalDate exercisableFrom;
        LocalDate expiresOn;
        LocalDate effectiveDate;
        boolean exercised;

        /** For snapshots. */
        private OptionState() {}

        OptionState(BigDecimal maxAmount, LocalDate exercisableFrom, LocalDate expiresOn, LocalDate effectiveDate) {
            this.maxAmount = maxAmount;
            this.exercisableFrom = exercisableFrom;
            this.expiresOn = expiresOn;
            this.effectiveDate = effectiveDate;
        }
    }
}

package dev.dealledger.query.testing;

import dev.dealledger.api.Direction;
import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.command.RecordExchangeRateCommand;
import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.CounterpartyDetailsChangedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.ExchangeRateRecordedEvent;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.query.testing.EventStoreWriter.Meta;
import dev.dealledger.query.testing.EventStoreWriter.Stored;
import dev.dealledger.testkit.oracle.LedgerModel;
import dev.dealledger.verify.PeriodDigest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records ledger facts as the command service would store them, and mirrors each one into a {@link LedgerModel}, so
 * that a test's expected numbers come from what the test itself recorded, never from the service's answers.
 */
public final class LedgerScript {

    private static final String COUNTERPARTY = "Counterparty";
    private static final String AGREEMENT = "Agreement";
    private static final String DEAL = "Deal";

    private final EventStoreWriter writer;
    private final LedgerModel model;
    private final Map<String, String> agreementCounterparty = new HashMap<>();
    private Stored last;
    private Stored first;

    public LedgerScript(EventStoreWriter writer) {
        this(writer, new LedgerModel());
    }

    public LedgerScript(EventStoreWriter writer, LedgerModel model) {
        this.writer = writer;
        this.model = model;
    }

    public LedgerModel model() {
        return model;
    }

    /** A counterparty with one agreement ({@code msa-<counterpartyId>}) and one deal under it. */
    public Stored counterpartyWithDeal(
            String counterpartyId, String dealId, Direction direction, String currency, LocalDate signedOn) {
        counterparty(counterpartyId, "Fictional " + counterpartyId, signedOn);
        agreement("msa-" + counterpartyId, counterpartyId, signedOn);
        return deal(dealId, "msa-" + counterpartyId, direction, currency, signedOn, "ref-" + dealId);
    }

    public Stored counterparty(String counterpartyId, String legalName, LocalDate effective) {
        Stored s = append(
                COUNTERPARTY,
                counterpartyId,
                new CounterpartyRegisteredEvent(counterpartyId, legalName, null, effective),
                Meta.of(null, null));
        model.add(new LedgerModel.Counterparty(counterpartyId, legalName, s.recordedAt()));
        return s;
    }

    /** The counterparty's details change: a new legal name from {@code effective} (no LEI). */
    public Stored rename(String counterpartyId, String legalName, LocalDate effective) {
        return append(
                COUNTERPARTY,
                counterpartyId,
                new CounterpartyDetailsChangedEvent(counterpartyId, legalName, null, effective),
                Meta.of("renamed", null));
    }

    public Stored agreement(String agreementId, String counterpartyId, LocalDate signedOn) {
        agreementCounterparty.put(agreementId, counterpartyId);
        return append(
                AGREEMENT,
                agreementId,
                new AgreementSignedEvent(agreementId, counterpartyId, "MSA " + agreementId, signedOn, signedOn),
                Meta.of(null, null));
    }

    public Stored deal(
            String dealId,
            String agreementId,
            Direction direction,
            String currency,
            LocalDate signedOn,
            String sourceReference) {
        return deal(dealId, agreementId, direction, currency, signedOn, sourceReference, null);
    }

    /** A deal whose fact carries the SHA-256 of its signed order form, or none when {@code sourceDocumentSha256} is null. */
    public Stored deal(
            String dealId,
            String agreementId,
            Direction direction,
            String currency,
            LocalDate signedOn,
            String sourceReference,
            String sourceDocumentSha256) {
        String counterpartyId = agreementCounterparty.get(agreementId);
        if (counterpartyId == null) {
            throw new IllegalArgumentException("sign agreement " + agreementId + " first");
        }
        Stored s = append(
                DEAL,
                dealId,
                new DealRecordedEvent(
                        dealId,
                        agreementId,
                        counterpartyId,
                        direction,
                        currency,
                        "Order form " + dealId,
                        signedOn,
                        sourceReference,
                        signedOn),
                Meta.anchored(sourceReference, sourceDocumentSha256));
        model.add(new LedgerModel.Deal(dealId, counterpartyId, direction, currency, signedOn, s.recordedAt()));
        return s;
    }

    public Stored commitment(
            String dealId,
            String commitmentId,
            String amount,
            LocalDate termStart,
            LocalDate termEnd,
            String resource,
            LocalDate effective) {
        String currency = model.deal(dealId).currency();
        Stored s = append(
                DEAL,
                dealId,
                new CommitmentRecordedEvent(
                        dealId,
                        commitmentId,
                        new BigDecimal(amount),
                        currency,
                        termStart,
                        termEnd,
                        resource,
                        effective),
                Meta.of(null, null));
        model.add(new LedgerModel.Commitment(
                dealId,
                commitmentId,
                LedgerModel.minor(amount, currency),
                termStart,
                termEnd,
                effective,
                s.recordedAt(),
                null));
        return s;
    }

    public Stored option(
            String dealId,
            String optionId,
            String maxAmount,
            LocalDate exercisableFrom,
            LocalDate expiresOn,
            LocalDate effective) {
        String currency = model.deal(dealId).currency();
        Stored s = append(
                DEAL,
                dealId,
                new OptionGrantedEvent(
                        dealId, optionId, new BigDecimal(maxAmount), currency, exercisableFrom, expiresOn, effective),
                Meta.of(null, null));
        model.add(new LedgerModel.Option(
                dealId,
                optionId,
                LedgerModel.minor(maxAmount, currency),
                exercisableFrom,
                expiresOn,
                effective,
                s.recordedAt()));
        return s;
    }

    public Stored exercise(
            String dealId,
            String optionId,
            String commitmentId,
            String amount,
            LocalDate termStart,
            LocalDate termEnd,
            String resource,
            LocalDate effective) {
        String currency = model.deal(dealId).currency();
        LedgerModel.Option option = model.option(dealId, optionId);
        BigDecimal exercised = new BigDecimal(amount);
        BigDecimal lapsed = BigDecimal.valueOf(option.maxMinor(), LedgerModel.minorDigits(currency))
                .subtract(exercised);
        Stored s = append(
                DEAL,
                dealId,
                new OptionExercisedEvent(
                        dealId,
                        optionId,
                        commitmentId,
                        exercised,
                        lapsed,
                        currency,
                        termStart,
                        termEnd,
                        resource,
                        effective),
                Meta.of(null, null));
        model.add(new LedgerModel.Exercise(dealId, optionId, effective, s.recordedAt()));
        model.add(new LedgerModel.Commitment(
                dealId,
                commitmentId,
                LedgerModel.minor(amount, currency),
                termStart,
                termEnd,
                effective,
                s.recordedAt(),
                optionId));
        return s;
    }

    /** An amendment; {@code amountDelta} signed ("0.00" when only the term changes), {@code newTermEnd} may be null. */
    public Stored amend(
            String dealId,
            String commitmentId,
            String amendmentId,
            String amountDelta,
            LocalDate newTermEnd,
            LocalDate effective,
            String reason) {
        String currency = model.deal(dealId).currency();
        Stored s = append(
                DEAL,
                dealId,
                new CommitmentAmendedEvent(
                        dealId,
                        commitmentId,
                        amendmentId,
                        new BigDecimal(amountDelta),
                        currency,
                        newTermEnd,
                        reason,
                        effective),
                Meta.of(reason, null));
        model.addAmendment(
                dealId,
                commitmentId,
                amendmentId,
                LedgerModel.minor(amountDelta, currency),
                newTermEnd,
                effective,
                s.recordedAt());
        return s;
    }

    public Stored terminate(String dealId, String commitmentId, LocalDate effective, String reason) {
        Stored s = append(
                DEAL,
                dealId,
                new CommitmentTerminatedEvent(dealId, commitmentId, reason, effective),
                Meta.of(reason, null));
        model.add(new LedgerModel.Termination(dealId, commitmentId, effective, s.recordedAt()));
        return s;
    }

    /** 1 {@code base} = {@code rate} {@code quote} from {@code rateDate}; again for the same date, a correction. */
    public Stored fxRate(String base, String quote, LocalDate rateDate, String rate, String source) {
        Stored s = append(
                "ExchangeRate",
                RecordExchangeRateCommand.rateIdOf(base, quote, rateDate),
                new ExchangeRateRecordedEvent(base, quote, rateDate, new BigDecimal(rate), source, rateDate),
                Meta.of(null, null));
        model.add(new LedgerModel.FxRate(base, quote, rateDate, new BigDecimal(rate), s.recordedAt()));
        return s;
    }

    /**
     * A close of the period ending on {@code periodEnd} as it was stored before closes held their figures (revision 1):
     * the query service derives its figures at the close's recorded instant. Such closes stay in every log that has
     * them.
     */
    public Stored closePeriod(LocalDate periodEnd, String reason) {
        return append(
                "Period",
                ClosePeriodCommand.periodIdOf(periodEnd),
                new PeriodClosedEvent(periodEnd, reason, periodEnd, null, null, null, null),
                Meta.of(reason, null));
    }

    /** A close holding its figures as reported, as the command service records it today. */
    public Stored closePeriod(
            LocalDate periodEnd,
            String reason,
            Instant closedAt,
            String digest,
            List<PeriodClosedEvent.ReportedRow> asReported) {
        return append(
                "Period",
                ClosePeriodCommand.periodIdOf(periodEnd),
                new PeriodClosedEvent(
                        periodEnd, reason, periodEnd, closedAt, PeriodDigest.ENCODING, digest, asReported),
                Meta.of(reason, null));
    }

    /** Waits until the projection has processed everything this script recorded. */
    public void awaitProjection() {
        if (last != null) {
            writer.awaitProjected(last.position());
        }
    }

    public Stored last() {
        return last;
    }

    public Stored first() {
        return first;
    }

    public Instant lastRecordedAt() {
        return last.recordedAt();
    }

    private Stored append(String type, String aggregateId, dev.dealledger.api.event.LedgerEvent event, Meta meta) {
        Stored s = writer.append(type, aggregateId, event, meta);
        if (first == null) {
            first = s;
        }
        last = s;
        return s;
    }
}

package dev.dealledger.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dealledger.api.Direction;
import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.CounterpartyDetailsChangedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.DealEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.ExchangeRateRecordedEvent;
import dev.dealledger.api.event.LedgerEvent;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventSerialization;
import dev.dealledger.axon.EventStoreSchema;
import dev.dealledger.model.money.Money;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.CounterpartyEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.FxRateEntity;
import dev.dealledger.query.readmodel.HistoryEntryEntity;
import dev.dealledger.query.readmodel.Instants;
import dev.dealledger.query.readmodel.OptionFactEntity;
import dev.dealledger.query.readmodel.PeriodCloseEntity;
import dev.dealledger.query.readmodel.PeriodCloseQueries;
import dev.dealledger.query.readmodel.PeriodReportEntity;
import dev.dealledger.query.readmodel.PeriodReportRowEntity;
import dev.dealledger.query.readmodel.ReadModelSession;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * Projects every ledger event into the bitemporal read model: one row per fact, keyed by its global position, with its
 * effective date and recorded instant. Rows are only ever inserted (and counterparty names updated), so any (asOf,
 * knownAt) can be answered from these tables. The token update commits in the same transaction as the rows, so a
 * restart resumes exactly after the last projected event.
 */
@ApplicationScoped
@ProcessingGroup(LedgerProjection.PROCESSING_GROUP)
public class LedgerProjection {

    public static final String PROCESSING_GROUP = "ledger-projection";

    private final ObjectMapper payloadJson = EventSerialization.objectMapper();

    @Inject
    ReadModelSession sessions;

    @Inject
    ActiveDataSource dataSource;

    /** Deals kept in memory for their facts (about 200 bytes each). */
    @ConfigProperty(name = "ledger.projection.deal-lookup-cache.size", defaultValue = "50000")
    long dealCacheSize;

    /** Commitments whose rows are kept in memory for the next fact's figure points (a few hundred bytes each). */
    @ConfigProperty(name = "ledger.projection.commitment-lookup-cache.size", defaultValue = "10000")
    long commitmentCacheSize;

    private Cache<String, DealRef> deals;

    private FigurePoints points;

    @PostConstruct
    void init() {
        // Evicting on the projecting thread, so that a size of 0 keeps nothing at all (a test projects that way).
        deals = Caffeine.newBuilder()
                .maximumSize(dealCacheSize)
                .executor(Runnable::run)
                .build();
        points = new FigurePoints(commitmentCacheSize);
    }

    @EventHandler
    void on(CounterpartyRegisteredEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        CounterpartyEntity row = new CounterpartyEntity();
        row.counterpartyId = event.counterpartyId();
        row.legalName = event.legalName();
        row.lei = event.lei();
        row.recordedAt = at;
        row.position = position(message);
        session.persist(row);
        history(session, event, message, token, at, null, event.counterpartyId());
    }

    @EventHandler
    void on(
            CounterpartyDetailsChangedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @Timestamp Instant at) {
        Session session = sessions.get();
        CounterpartyEntity row = session.find(CounterpartyEntity.class, event.counterpartyId());
        row.legalName = event.legalName();
        row.lei = event.lei();
        history(session, event, message, token, at, null, event.counterpartyId());
    }

    @EventHandler
    void on(AgreementSignedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        history(sessions.get(), event, message, token, at, null, event.counterpartyId());
    }

    @EventHandler
    void on(DealRecordedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        DealEntity row = new DealEntity();
        row.dealId = event.dealId();
        row.agreementId = event.agreementId();
        row.counterpartyId = event.counterpartyId();
        row.direction = event.direction();
        row.currency = event.currency();
        row.title = event.title();
        row.signedOn = event.signedOn();
        row.sourceReference = event.sourceReference();
        row.sourceDocumentSha256 = text(message.getMetaData().get(MetadataKeys.SOURCE_DOCUMENT_SHA256));
        row.effectiveDate = event.effectiveDate();
        row.recordedAt = at;
        row.position = position(message);
        BatchedInserts.add(session, FactRows.DEALS, List.of(row));
        points.deal(session, row);
        deals.put(row.dealId, DealRef.of(row));
        history(session, event, message, token, at, event.dealId(), event.counterpartyId());
    }

    @EventHandler
    void on(CommitmentRecordedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        DealRef deal = deal(session, event);
        CommitmentFactEntity row = commitmentFact(deal, event.commitmentId(), CommitmentFactEntity.Kind.RECORDED);
        row.position = position(message);
        row.effectiveDate = event.effectiveDate();
        row.recordedAt = at;
        row.amountMinor = minor(event.amount(), deal.currency());
        row.termStart = event.termStart();
        row.termEnd = event.termEnd();
        row.resource = event.resource();
        BatchedInserts.add(session, FactRows.COMMITMENT_FACTS, List.of(row));
        points.commitment(session, row, 0);
        history(session, event, message, token, at, deal.dealId(), deal.counterpartyId());
    }

    @EventHandler
    void on(OptionGrantedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        DealRef deal = deal(session, event);
        OptionFactEntity row = optionFact(deal, event.optionId(), OptionFactEntity.Kind.GRANTED);
        row.position = position(message);
        row.effectiveDate = event.effectiveDate();
        row.recordedAt = at;
        row.amountMinor = minor(event.maxAmount(), deal.currency());
        row.exercisableFrom = event.exercisableFrom();
        row.expiresOn = event.expiresOn();
        BatchedInserts.add(session, FactRows.OPTION_FACTS, List.of(row));
        points.optionGranted(session, row);
        history(session, event, message, token, at, deal.dealId(), deal.counterpartyId());
    }

    @EventHandler
    void on(OptionExercisedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        DealRef deal = deal(session, event);
        long position = position(message);
        OptionFactEntity exercise = optionFact(deal, event.optionId(), OptionFactEntity.Kind.EXERCISED);
        exercise.position = position;
        exercise.effectiveDate = event.effectiveDate();
        exercise.recordedAt = at;
        exercise.amountMinor = minor(event.amount(), deal.currency());
        exercise.commitmentId = event.commitmentId();
        BatchedInserts.add(session, FactRows.OPTION_FACTS, List.of(exercise));
        CommitmentFactEntity commitment =
                commitmentFact(deal, event.commitmentId(), CommitmentFactEntity.Kind.RECORDED);
        commitment.position = position;
        commitment.effectiveDate = event.effectiveDate();
        commitment.recordedAt = at;
        commitment.amountMinor = minor(event.amount(), deal.currency());
        commitment.termStart = event.termStart();
        commitment.termEnd = event.termEnd();
        commitment.resource = event.resource();
        commitment.fromOptionId = event.optionId();
        BatchedInserts.add(session, FactRows.COMMITMENT_FACTS, List.of(commitment));
        points.commitment(session, commitment, points.optionExercised(session, exercise, 0));
        history(session, event, message, token, at, deal.dealId(), deal.counterpartyId());
    }

    @EventHandler
    void on(CommitmentAmendedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        DealRef deal = deal(session, event);
        CommitmentFactEntity row = commitmentFact(deal, event.commitmentId(), CommitmentFactEntity.Kind.AMENDED);
        row.position = position(message);
        row.effectiveDate = event.effectiveDate();
        row.recordedAt = at;
        row.amountMinor = minor(event.amountDelta(), deal.currency());
        row.termEnd = event.newTermEnd();
        row.amendmentId = event.amendmentId();
        BatchedInserts.add(session, FactRows.COMMITMENT_FACTS, List.of(row));
        points.commitment(session, row, 0);
        history(session, event, message, token, at, deal.dealId(), deal.counterpartyId());
    }

    @EventHandler
    void on(CommitmentTerminatedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        DealRef deal = deal(session, event);
        CommitmentFactEntity row = commitmentFact(deal, event.commitmentId(), CommitmentFactEntity.Kind.TERMINATED);
        row.position = position(message);
        row.effectiveDate = event.effectiveDate();
        row.recordedAt = at;
        BatchedInserts.add(session, FactRows.COMMITMENT_FACTS, List.of(row));
        points.commitment(session, row, 0);
        history(session, event, message, token, at, deal.dealId(), deal.counterpartyId());
    }

    /**
     * A rate changes no figure in its own currency, but it moves every answer converted with it, and some of those are
     * kept (a disclosure in a reporting currency), so it touches the change journal like any fact. Its history entry
     * lets a restatement in a reporting currency name it as a cause, with its actor and reason.
     */
    @EventHandler
    void on(ExchangeRateRecordedEvent event, EventMessage<?> message, @Timestamp Instant at) {
        FxRateEntity row = new FxRateEntity();
        row.position = position(message);
        row.baseCurrency = event.baseCurrency();
        row.quoteCurrency = event.quoteCurrency();
        row.rateDate = event.rateDate();
        row.rate = event.rate().toPlainString();
        row.source = event.source();
        row.recordedAt = at;
        sessions.get().persist(row);
        ChangeJournal.touched(sessions.get(), at);
        BatchedInserts.add(sessions.get(), HISTORY, List.of(historyEntry(event, message, at, null, null)));
    }

    /**
     * A close and, if it holds them (every close since they were recorded with it), its figures as reported, stored as
     * the fact holds them. A close recorded before that holds none: its figures are derived when the period is first
     * read (read.PeriodReads), not here, since this handler runs in one segment while others may still be projecting
     * facts recorded before the close.
     */
    @EventHandler
    void on(PeriodClosedEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant at) {
        Session session = sessions.get();
        PeriodCloseEntity row = new PeriodCloseEntity();
        row.periodEnd = event.periodEnd();
        row.position = position(message);
        row.recordedAt = at;
        row.closedAt = event.holdsFigures() ? event.closedAt() : at;
        row.actor = text(message.getMetaData().get(MetadataKeys.ACTOR));
        row.reason = event.reason();
        session.persist(row);
        if (event.holdsFigures()) {
            storeReport(session, event);
        }
        history(session, event, message, token, at, null, null);
    }

    /** The figures as reported, exactly as the close holds them, in its order. */
    private static void storeReport(Session session, PeriodClosedEvent event) {
        PeriodReportEntity report = new PeriodReportEntity();
        report.periodEnd = event.periodEnd();
        report.digest = event.digest();
        report.rowCount = event.asReported().size();
        List<PeriodReportRowEntity> rows = new ArrayList<>();
        for (PeriodClosedEvent.ReportedRow r : event.asReported()) {
            rows.add(PeriodReportRowEntity.of(event.periodEnd(), rows.size(), PeriodView.Row.of(r)));
        }
        new PeriodCloseQueries(session).storeReport(report, rows);
    }

    /** A rebuild starts from empty tables. */
    @ResetHandler
    void reset() {
        Session session = sessions.get();
        ReadModelTables.truncateAll(session);
        ChangeJournal.reset(session);
        points.reset();
    }

    /**
     * What a deal's facts copy from the deal. A deal never changes once recorded, so it is kept in memory: without it,
     * every commitment, option and amendment event costs a SELECT of its deal.
     */
    record DealRef(String dealId, String counterpartyId, Direction direction, String currency) {
        static DealRef of(DealEntity deal) {
            return new DealRef(deal.dealId, deal.counterpartyId, deal.direction, deal.currency);
        }
    }

    private DealRef deal(Session session, DealEvent event) {
        DealRef kept = deals.getIfPresent(event.dealId());
        if (kept != null) {
            return kept;
        }
        // Not kept (evicted, or recorded before this process started): committed, or queued by this transaction.
        DealEntity deal = session.find(DealEntity.class, event.dealId());
        if (deal == null) {
            deal = BatchedInserts.pending(FactRows.DEALS).stream()
                    .filter(d -> d.dealId.equals(event.dealId()))
                    .findFirst()
                    .orElse(null);
        }
        if (deal == null) {
            // Events of one deal are processed in order, so its DealRecordedEvent is always projected first.
            throw new IllegalStateException("deal " + event.dealId() + " not projected before " + event);
        }
        DealRef ref = DealRef.of(deal);
        deals.put(ref.dealId(), ref);
        return ref;
    }

    private static CommitmentFactEntity commitmentFact(
            DealRef deal, String commitmentId, CommitmentFactEntity.Kind kind) {
        CommitmentFactEntity row = new CommitmentFactEntity();
        row.kind = kind;
        row.dealId = deal.dealId();
        row.counterpartyId = deal.counterpartyId();
        row.direction = deal.direction();
        row.currency = deal.currency();
        row.commitmentId = commitmentId;
        return row;
    }

    private static OptionFactEntity optionFact(DealRef deal, String optionId, OptionFactEntity.Kind kind) {
        OptionFactEntity row = new OptionFactEntity();
        row.kind = kind;
        row.dealId = deal.dealId();
        row.counterpartyId = deal.counterpartyId();
        row.direction = deal.direction();
        row.currency = deal.currency();
        row.optionId = optionId;
        return row;
    }

    private void history(
            Session session,
            LedgerEvent event,
            EventMessage<?> message,
            TrackingToken token,
            Instant at,
            String dealId,
            String counterpartyId) {
        ChangeJournal.touched(session, at);
        BatchedInserts.add(session, HISTORY, List.of(historyEntry(event, message, at, dealId, counterpartyId)));
    }

    /** One row of the history, in the columns that {@link HistoryEntryEntity} maps for reading. */
    private record HistoryRow(
            long position,
            String aggregateId,
            String dealId,
            String counterpartyId,
            String eventType,
            LocalDate effectiveDate,
            Instant recordedAt,
            String actor,
            String reason,
            String sourceReference,
            String sourceDocumentSha256,
            String payload) {}

    /** The history, one row an event, inserted in one batch per transaction ({@link BatchedInserts}). */
    private static final BatchedInserts.Table<HistoryRow> HISTORY = new BatchedInserts.Table<>(
            "INSERT INTO read_model.rm_history (position, aggregate_id, deal_id, counterparty_id, event_type,"
                    + " effective_date, recorded_at, actor, reason, source_reference, source_document_sha256, payload)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ps, r) -> {
                ps.setLong(1, r.position());
                ps.setString(2, r.aggregateId());
                ps.setString(3, r.dealId());
                ps.setString(4, r.counterpartyId());
                ps.setString(5, r.eventType());
                ps.setObject(6, r.effectiveDate());
                ps.setObject(7, Instants.utc(r.recordedAt()));
                ps.setString(8, r.actor());
                ps.setString(9, r.reason());
                ps.setString(10, r.sourceReference());
                ps.setString(11, r.sourceDocumentSha256());
                ps.setString(12, r.payload());
            });

    private HistoryRow historyEntry(
            LedgerEvent event, EventMessage<?> message, Instant at, String dealId, String counterpartyId) {
        MetaData meta = message.getMetaData();
        String payload;
        try {
            payload = payloadJson.writeValueAsString(historyPayload(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write payload of " + event, e);
        }
        return new HistoryRow(
                position(message),
                message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "",
                dealId,
                counterpartyId,
                event.getClass().getSimpleName(),
                event.effectiveDate(),
                at,
                text(meta.get(MetadataKeys.ACTOR)),
                text(meta.get(MetadataKeys.REASON)),
                text(meta.get(MetadataKeys.SOURCE_REFERENCE)),
                text(meta.get(MetadataKeys.SOURCE_DOCUMENT_SHA256)),
                payload);
    }

    /**
     * The payload as the history shows it: the event itself, except a close's rows. Those are one per counterparty,
     * currency and direction, far more than a history entry holds, and are served by the period's own read (and kept in
     * the log in full); the entry says how many there were.
     */
    private Object historyPayload(LedgerEvent event) {
        if (event instanceof PeriodClosedEvent close && close.holdsFigures()) {
            ObjectNode tree = payloadJson.valueToTree(close);
            tree.remove("asReported");
            tree.put("asReportedRows", close.asReported().size());
            return tree;
        }
        return event;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * The event's own global index. Not {@code token.position()}: for an event whose transaction committed after later
     * ones (it fills a gap), the token's position is the highest index seen so far, not this event's. Looked up by
     * event identifier, once per batch: the first event of a batch reads the indexes of every event in it.
     */
    private long position(EventMessage<?> message) {
        Map<String, Long> positions = batchPositions();
        Long position = positions.get(message.getIdentifier());
        if (position == null) {
            position = lookUpPositions(List.of(message.getIdentifier())).get(message.getIdentifier());
            if (position == null) {
                throw new IllegalStateException("event " + message.getIdentifier() + " is not in the event store");
            }
            positions.put(message.getIdentifier(), position);
        }
        return position;
    }

    /** The positions of the current batch's events, read once and kept with the batch's unit of work. */
    private Map<String, Long> batchPositions() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(POSITIONS_RESOURCE, k -> {
            List<String> ids = new ArrayList<>();
            if (root instanceof BatchingUnitOfWork<?> batch) {
                batch.getMessages().forEach(m -> ids.add(m.getIdentifier()));
            } else {
                ids.add(root.getMessage().getIdentifier());
            }
            return lookUpPositions(ids);
        });
    }

    private static final String POSITIONS_RESOURCE = LedgerProjection.class.getName() + ".positions";

    private Map<String, Long> lookUpPositions(List<String> eventIds) {
        Map<String, Long> positions = new HashMap<>();
        for (int from = 0; from < eventIds.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + LOOKUP_CHUNK));
            String sql = "SELECT event_identifier, global_index FROM " + EventStoreSchema.EVENT_TABLE
                    + " WHERE event_identifier IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            try (Connection c = dataSource.connection();
                    PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        positions.put(rs.getString(1), rs.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the positions of " + chunk.size() + " events", e);
            }
        }
        return positions;
    }

    /** Identifiers per lookup statement: a batch of the default size (100) takes one. */
    private static final int LOOKUP_CHUNK = 200;

    private static long minor(BigDecimal amount, String currency) {
        return Money.of(amount, currency).amountMinor();
    }
}

package dev.dealledger.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.CounterpartyDetailsChangedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.LedgerEvent;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.axon.EventSerialization;
import dev.dealledger.axon.EventStoreSchema;
import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.CommitmentTerms;
import dev.dealledger.model.schedule.CommitmentTimeline;
import dev.dealledger.model.steps.FigurePoint;
import dev.dealledger.model.steps.FigureSteps;
import dev.dealledger.model.steps.OptionVersion;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * W2's baseline: the same events read over raw JDBC in global order, deserialized by the same serializer, and the same
 * read-model rows (facts, deals, counterparties and the history with its payload JSON) written with batched inserts,
 * 1,000 events per transaction, into copies of the read-model tables (schema bench_w2). What a hand-written loader
 * with no framework would do; it keeps deals in a map instead of reading them back. Like the service, it stores each
 * fact's own step as figure points (docs/adr/0007), formed by the same model from commitment and option versions it
 * keeps in maps.
 */
public final class RawJdbcProjection {

    static final int EVENTS_PER_COMMIT = 1_000;
    private static final String[] TABLES = {
        "rm_counterparty",
        "rm_deal",
        "rm_commitment_fact",
        "rm_option_fact",
        "rm_figure_point",
        "rm_history",
        "rm_change_version",
        "rm_change_log"
    };

    private record Deal(String counterpartyId, String direction, String currency) {}

    private final Serializer serializer = EventSerialization.serializer();
    private final ObjectMapper payloadJson = EventSerialization.objectMapper();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Deal> deals = new HashMap<>();
    private final Map<String, CommitmentTimeline> commitments = new HashMap<>();
    private final Map<String, OptionVersion> options = new HashMap<>();

    public static void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_w2 CASCADE");
            s.execute("CREATE SCHEMA bench_w2");
            for (String t : TABLES) {
                s.execute("CREATE TABLE bench_w2." + t + " (LIKE read_model." + t + " INCLUDING ALL)");
            }
            s.execute("INSERT INTO bench_w2.rm_change_version (id, version) VALUES (1, 0)");
        }
    }

    public static void dropTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_w2 CASCADE");
        }
    }

    /**
     * Projects every event up to {@code throughPosition}: the ledger's rebuild target, since W3 appends more (a period
     * close and its adjustments) that the ledger's rebuild never projected. Answers how many were read.
     */
    public long run(Connection read, Connection write, long throughPosition) throws SQLException, IOException {
        read.setAutoCommit(false);
        write.setAutoCommit(false);
        long events = 0;
        try (PreparedStatement select = read.prepareStatement("SELECT global_index, payload, payload_type,"
                        + " payload_revision, meta_data, time_stamp, aggregate_identifier FROM "
                        + EventStoreSchema.EVENT_TABLE + " WHERE global_index <= ? ORDER BY global_index");
                Writer w = new Writer(write)) {
            select.setFetchSize(5_000);
            select.setLong(1, throughPosition);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    Object payload = serializer.deserialize(new SimpleSerializedObject<>(
                            rs.getBytes(2), byte[].class, new SimpleSerializedType(rs.getString(3), rs.getString(4))));
                    JsonNode meta = json.readTree(rs.getBytes(5));
                    Instant at = Instant.parse(rs.getString(6));
                    project(w, position, (LedgerEvent) payload, meta, at, rs.getString(7));
                    w.touched(at);
                    if (++events % EVENTS_PER_COMMIT == 0) {
                        w.flush();
                        write.commit();
                    }
                }
            }
            w.flush();
            write.commit();
        }
        read.commit();
        return events;
    }

    private void project(Writer w, long position, LedgerEvent event, JsonNode meta, Instant at, String aggregateId)
            throws SQLException, JsonProcessingException {
        String dealId = null;
        String counterpartyId;
        if (event instanceof CounterpartyRegisteredEvent e) {
            counterpartyId = e.counterpartyId();
            w.counterparty(e, at, position);
        } else if (event instanceof CounterpartyDetailsChangedEvent e) {
            counterpartyId = e.counterpartyId();
            w.counterpartyChanged(e);
        } else if (event instanceof AgreementSignedEvent e) {
            counterpartyId = e.counterpartyId();
        } else if (event instanceof DealRecordedEvent e) {
            dealId = e.dealId();
            counterpartyId = e.counterpartyId();
            deals.put(dealId, new Deal(counterpartyId, e.direction().name(), e.currency()));
            w.deal(e, at, position);
            w.points(position, 0, deals.get(dealId), at, FigureSteps.ofDeal(e.effectiveDate()));
        } else {
            dev.dealledger.api.event.DealEvent de = (dev.dealledger.api.event.DealEvent) event;
            dealId = de.dealId();
            Deal deal = deals.get(dealId);
            counterpartyId = deal.counterpartyId();
            if (event instanceof CommitmentRecordedEvent e) {
                w.commitment(
                        position,
                        "RECORDED",
                        dealId,
                        deal,
                        e.commitmentId(),
                        e.effectiveDate(),
                        at,
                        minor(e.amount()),
                        e.termStart(),
                        e.termEnd(),
                        e.resource(),
                        null,
                        null);
                commitmentStep(
                        w,
                        position,
                        0,
                        dealId,
                        e.commitmentId(),
                        deal,
                        at,
                        recorded(e.amount(), e.termStart(), e.termEnd(), e.effectiveDate()));
            } else if (event instanceof OptionGrantedEvent e) {
                w.option(
                        position,
                        "GRANTED",
                        dealId,
                        deal,
                        e.optionId(),
                        e.effectiveDate(),
                        at,
                        minor(e.maxAmount()),
                        e.exercisableFrom(),
                        e.expiresOn(),
                        null);
                OptionVersion granted = new OptionVersion(minor(e.maxAmount()), e.effectiveDate(), e.expiresOn(), null);
                options.put(dealId + "/" + e.optionId(), granted);
                w.points(position, 0, deal, at, FigureSteps.ofOption(null, granted));
            } else if (event instanceof OptionExercisedEvent e) {
                w.option(
                        position,
                        "EXERCISED",
                        dealId,
                        deal,
                        e.optionId(),
                        e.effectiveDate(),
                        at,
                        minor(e.amount()),
                        null,
                        null,
                        e.commitmentId());
                w.commitment(
                        position,
                        "RECORDED",
                        dealId,
                        deal,
                        e.commitmentId(),
                        e.effectiveDate(),
                        at,
                        minor(e.amount()),
                        e.termStart(),
                        e.termEnd(),
                        e.resource(),
                        null,
                        e.optionId());
                OptionVersion before = options.get(dealId + "/" + e.optionId());
                int seq = w.points(
                        position, 0, deal, at, FigureSteps.ofOption(before, before.exercised(e.effectiveDate())));
                commitmentStep(
                        w,
                        position,
                        seq,
                        dealId,
                        e.commitmentId(),
                        deal,
                        at,
                        recorded(e.amount(), e.termStart(), e.termEnd(), e.effectiveDate()));
            } else if (event instanceof CommitmentAmendedEvent e) {
                w.commitment(
                        position,
                        "AMENDED",
                        dealId,
                        deal,
                        e.commitmentId(),
                        e.effectiveDate(),
                        at,
                        minor(e.amountDelta()),
                        null,
                        e.newTermEnd(),
                        null,
                        e.amendmentId(),
                        null);
                String key = dealId + "/" + e.commitmentId();
                commitmentStep(
                        w,
                        position,
                        0,
                        dealId,
                        e.commitmentId(),
                        deal,
                        at,
                        commitments
                                .get(key)
                                .withAmendment(new AmendmentFact(
                                        e.amendmentId(),
                                        e.effectiveDate(),
                                        position,
                                        minor(e.amountDelta()),
                                        e.newTermEnd())));
            } else if (event instanceof CommitmentTerminatedEvent e) {
                w.commitment(
                        position,
                        "TERMINATED",
                        dealId,
                        deal,
                        e.commitmentId(),
                        e.effectiveDate(),
                        at,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
                String key = dealId + "/" + e.commitmentId();
                commitmentStep(
                        w,
                        position,
                        0,
                        dealId,
                        e.commitmentId(),
                        deal,
                        at,
                        commitments.get(key).withTermination(e.effectiveDate()));
            }
        }
        w.history(
                position,
                aggregateId,
                dealId,
                counterpartyId,
                event.getClass().getSimpleName(),
                event.effectiveDate(),
                at,
                text(meta, MetadataKeys.ACTOR),
                text(meta, MetadataKeys.REASON),
                text(meta, MetadataKeys.SOURCE_REFERENCE),
                payloadJson.writeValueAsString(event));
    }

    private static CommitmentTimeline recorded(
            BigDecimal amount, LocalDate termStart, LocalDate termEnd, LocalDate effective) {
        return CommitmentTimeline.of(
                new CommitmentTerms(minor(amount), termStart, termEnd, effective), List.of(), null);
    }

    private void commitmentStep(
            Writer w,
            long position,
            int seq,
            String dealId,
            String commitmentId,
            Deal deal,
            Instant at,
            CommitmentTimeline after)
            throws SQLException {
        CommitmentTimeline before = commitments.put(dealId + "/" + commitmentId, after);
        w.points(position, seq, deal, at, FigureSteps.ofCommitment(before, after));
    }

    private static String text(JsonNode meta, String key) {
        JsonNode v = meta.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long minor(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    /** The batched inserts, one prepared statement per table. */
    private static final class Writer implements AutoCloseable {
        final PreparedStatement counterparty;
        final PreparedStatement counterpartyChanged;
        final PreparedStatement deal;
        final PreparedStatement commitment;
        final PreparedStatement option;
        final PreparedStatement history;
        final PreparedStatement point;
        final PreparedStatement bumpVersion;
        final PreparedStatement logChange;
        final PreparedStatement pruneLog;
        Instant earliest;
        Instant latest;

        Writer(Connection c) throws SQLException {
            // The change journal the service writes once per transaction (ledger-query migration V5).
            bumpVersion = c.prepareStatement("UPDATE bench_w2.rm_change_version SET version = version + 1,"
                    + " max_recorded_at = GREATEST(COALESCE(max_recorded_at, ?), ?) WHERE id = 1");
            logChange = c.prepareStatement("INSERT INTO bench_w2.rm_change_log (version, min_recorded_at)"
                    + " SELECT version, ? FROM bench_w2.rm_change_version WHERE id = 1");
            pruneLog = c.prepareStatement("DELETE FROM bench_w2.rm_change_log WHERE version <= (SELECT version - 10000"
                    + " FROM bench_w2.rm_change_version WHERE id = 1)");
            counterparty = c.prepareStatement("INSERT INTO bench_w2.rm_counterparty (counterparty_id, legal_name,"
                    + " lei, recorded_at, position) VALUES (?, ?, ?, ?, ?)");
            counterpartyChanged = c.prepareStatement(
                    "UPDATE bench_w2.rm_counterparty SET legal_name = ?, lei = ? WHERE counterparty_id = ?");
            deal = c.prepareStatement("INSERT INTO bench_w2.rm_deal (deal_id, agreement_id, counterparty_id,"
                    + " direction, currency, title, signed_on, source_reference, effective_date, recorded_at, position)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            commitment = c.prepareStatement("INSERT INTO bench_w2.rm_commitment_fact (position, kind, deal_id,"
                    + " counterparty_id, direction, currency, commitment_id, effective_date, recorded_at,"
                    + " amount_minor, term_start, term_end, resource, amendment_id, from_option_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            option = c.prepareStatement("INSERT INTO bench_w2.rm_option_fact (position, kind, deal_id,"
                    + " counterparty_id, direction, currency, option_id, effective_date, recorded_at, amount_minor,"
                    + " exercisable_from, expires_on, commitment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            point = c.prepareStatement("INSERT INTO bench_w2.rm_figure_point (position, seq, counterparty_id,"
                    + " currency, direction, recorded_at, point_date, committed, elapsed, elapsed_slope, slope_base,"
                    + " potential, deals, commitments, amendments, options_open, options_exercised)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            history = c.prepareStatement("INSERT INTO bench_w2.rm_history (position, aggregate_id, deal_id,"
                    + " counterparty_id, event_type, effective_date, recorded_at, actor, reason, source_reference,"
                    + " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        void counterparty(CounterpartyRegisteredEvent e, Instant at, long position) throws SQLException {
            counterparty.setString(1, e.counterpartyId());
            counterparty.setString(2, e.legalName());
            counterparty.setString(3, e.lei());
            counterparty.setTimestamp(4, Timestamp.from(at));
            counterparty.setLong(5, position);
            counterparty.addBatch();
        }

        void counterpartyChanged(CounterpartyDetailsChangedEvent e) throws SQLException {
            counterparty.executeBatch();
            counterpartyChanged.setString(1, e.legalName());
            counterpartyChanged.setString(2, e.lei());
            counterpartyChanged.setString(3, e.counterpartyId());
            counterpartyChanged.executeUpdate();
        }

        /** Adds the points of one fact's step from number {@code seq} on; answers the next number. */
        int points(long position, int seq, Deal d, Instant at, List<FigurePoint> step) throws SQLException {
            int next = seq;
            for (FigurePoint p : step) {
                point.setLong(1, position);
                point.setInt(2, next++);
                point.setString(3, d.counterpartyId());
                point.setString(4, d.currency());
                point.setString(5, d.direction());
                point.setTimestamp(6, Timestamp.from(at));
                point.setDate(7, Date.valueOf(p.from()));
                point.setLong(8, p.committed());
                point.setLong(9, p.elapsed());
                point.setLong(10, p.elapsedSlope());
                point.setLong(11, p.slopeBaseMonth());
                point.setLong(12, p.potential());
                point.setInt(13, (int) p.deals());
                point.setInt(14, (int) p.commitments());
                point.setInt(15, (int) p.amendments());
                point.setInt(16, (int) p.optionsOpen());
                point.setInt(17, (int) p.optionsExercised());
                point.addBatch();
            }
            return next;
        }

        void deal(DealRecordedEvent e, Instant at, long position) throws SQLException {
            deal.setString(1, e.dealId());
            deal.setString(2, e.agreementId());
            deal.setString(3, e.counterpartyId());
            deal.setString(4, e.direction().name());
            deal.setString(5, e.currency());
            deal.setString(6, e.title());
            deal.setDate(7, Date.valueOf(e.signedOn()));
            deal.setString(8, e.sourceReference());
            deal.setDate(9, Date.valueOf(e.effectiveDate()));
            deal.setTimestamp(10, Timestamp.from(at));
            deal.setLong(11, position);
            deal.addBatch();
        }

        void commitment(
                long position,
                String kind,
                String dealId,
                Deal d,
                String commitmentId,
                LocalDate effective,
                Instant at,
                Long amountMinor,
                LocalDate termStart,
                LocalDate termEnd,
                String resource,
                String amendmentId,
                String fromOptionId)
                throws SQLException {
            PreparedStatement p = commitment;
            p.setLong(1, position);
            p.setString(2, kind);
            p.setString(3, dealId);
            p.setString(4, d.counterpartyId());
            p.setString(5, d.direction());
            p.setString(6, d.currency());
            p.setString(7, commitmentId);
            p.setDate(8, Date.valueOf(effective));
            p.setTimestamp(9, Timestamp.from(at));
            setLong(p, 10, amountMinor);
            setDate(p, 11, termStart);
            setDate(p, 12, termEnd);
            p.setString(13, resource);
            p.setString(14, amendmentId);
            p.setString(15, fromOptionId);
            p.addBatch();
        }

        void option(
                long position,
                String kind,
                String dealId,
                Deal d,
                String optionId,
                LocalDate effective,
                Instant at,
                long amountMinor,
                LocalDate from,
                LocalDate expires,
                String commitmentId)
                throws SQLException {
            PreparedStatement p = option;
            p.setLong(1, position);
            p.setString(2, kind);
            p.setString(3, dealId);
            p.setString(4, d.counterpartyId());
            p.setString(5, d.direction());
            p.setString(6, d.currency());
            p.setString(7, optionId);
            p.setDate(8, Date.valueOf(effective));
            p.setTimestamp(9, Timestamp.from(at));
            p.setLong(10, amountMinor);
            setDate(p, 11, from);
            setDate(p, 12, expires);
            p.setString(13, commitmentId);
            p.addBatch();
        }

        void history(
                long position,
                String aggregateId,
                String dealId,
                String counterpartyId,
                String type,
                LocalDate effective,
                Instant at,
                String actor,
                String reason,
                String source,
                String payload)
                throws SQLException {
            PreparedStatement p = history;
            p.setLong(1, position);
            p.setString(2, aggregateId);
            p.setString(3, dealId);
            p.setString(4, counterpartyId);
            p.setString(5, type);
            p.setDate(6, Date.valueOf(effective));
            p.setTimestamp(7, Timestamp.from(at));
            p.setString(8, actor);
            p.setString(9, reason);
            p.setString(10, source);
            p.setString(11, payload);
            p.addBatch();
        }

        private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
            if (v == null) {
                p.setNull(i, Types.BIGINT);
            } else {
                p.setLong(i, v);
            }
        }

        private static void setDate(PreparedStatement p, int i, LocalDate v) throws SQLException {
            if (v == null) {
                p.setNull(i, Types.DATE);
            } else {
                p.setDate(i, Date.valueOf(v));
            }
        }

        /** Parents before children, as the foreign-key-free schema does not need but a reader would expect. */
        void flush() throws SQLException {
            counterparty.executeBatch();
            deal.executeBatch();
            commitment.executeBatch();
            option.executeBatch();
            point.executeBatch();
            history.executeBatch();
            if (earliest != null) {
                bumpVersion.setTimestamp(1, Timestamp.from(latest));
                bumpVersion.setTimestamp(2, Timestamp.from(latest));
                bumpVersion.executeUpdate();
                logChange.setTimestamp(1, Timestamp.from(earliest));
                logChange.executeUpdate();
                pruneLog.executeUpdate();
                earliest = null;
                latest = null;
            }
        }

        void touched(Instant at) {
            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            latest = latest == null || at.isAfter(latest) ? at : latest;
        }

        @Override
        public void close() throws SQLException {
            counterparty.close();
            point.close();
            counterpartyChanged.close();
            deal.close();
            commitment.close();
            option.close();
            history.close();
            bumpVersion.close();
            logChange.close();
            pruneLog.close();
        }
    }
}

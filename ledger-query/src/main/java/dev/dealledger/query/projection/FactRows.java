package dev.dealledger.query.projection;

import dev.dealledger.api.Direction;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.Instants;
import dev.dealledger.query.readmodel.OptionFactEntity;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The fact tables' inserts, batched per transaction ({@link BatchedInserts}) into the columns their entities map for
 * reading. A deal, a commitment fact and an option fact are written once and never changed, so they need no
 * persistence context; through one a rebuild spent most of its Hibernate samples in inserting and flushing them
 * (docs/benchmarks.md, W2). The projection reads a fact of its own transaction back only from the queue, never from the
 * database: see {@link BatchedInserts#pending}.
 */
final class FactRows {

    private FactRows() {}

    static final BatchedInserts.Table<DealEntity> DEALS = new BatchedInserts.Table<>(
            "INSERT INTO read_model.rm_deal (deal_id, agreement_id, counterparty_id, direction, currency, title,"
                    + " signed_on, source_reference, source_document_sha256, effective_date, recorded_at, position)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            FactRows::bindDeal);

    static final BatchedInserts.Table<CommitmentFactEntity> COMMITMENT_FACTS = new BatchedInserts.Table<>(
            "INSERT INTO read_model.rm_commitment_fact (position, kind, deal_id, counterparty_id, direction, currency,"
                    + " commitment_id, effective_date, recorded_at, amount_minor, term_start, term_end, resource,"
                    + " amendment_id, from_option_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            FactRows::bindCommitmentFact);

    static final BatchedInserts.Table<OptionFactEntity> OPTION_FACTS = new BatchedInserts.Table<>(
            "INSERT INTO read_model.rm_option_fact (position, kind, deal_id, counterparty_id, direction, currency,"
                    + " option_id, effective_date, recorded_at, amount_minor, exercisable_from, expires_on,"
                    + " commitment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            FactRows::bindOptionFact);

    private static void bindDeal(PreparedStatement ps, DealEntity d) throws SQLException {
        ps.setString(1, d.dealId);
        ps.setString(2, d.agreementId);
        ps.setString(3, d.counterpartyId);
        ps.setString(4, d.direction.name());
        ps.setString(5, d.currency);
        ps.setString(6, d.title);
        ps.setObject(7, d.signedOn);
        ps.setString(8, d.sourceReference);
        ps.setString(9, d.sourceDocumentSha256);
        ps.setObject(10, d.effectiveDate);
        ps.setObject(11, Instants.utc(d.recordedAt));
        ps.setLong(12, d.position);
    }

    /** The nine columns a commitment fact and an option fact share, in the same places. */
    private static void bindFact(
            PreparedStatement ps,
            long position,
            String kind,
            String dealId,
            String counterpartyId,
            Direction direction,
            String currency,
            String id,
            LocalDate effectiveDate,
            Instant recordedAt)
            throws SQLException {
        ps.setLong(1, position);
        ps.setString(2, kind);
        ps.setString(3, dealId);
        ps.setString(4, counterpartyId);
        ps.setString(5, direction.name());
        ps.setString(6, currency);
        ps.setString(7, id);
        ps.setObject(8, effectiveDate);
        ps.setObject(9, Instants.utc(recordedAt));
    }

    private static void bindCommitmentFact(PreparedStatement ps, CommitmentFactEntity f) throws SQLException {
        bindFact(
                ps,
                f.position,
                f.kind.name(),
                f.dealId,
                f.counterpartyId,
                f.direction,
                f.currency,
                f.commitmentId,
                f.effectiveDate,
                f.recordedAt);
        if (f.amountMinor == null) {
            ps.setNull(10, Types.BIGINT);
        } else {
            ps.setLong(10, f.amountMinor);
        }
        ps.setObject(11, f.termStart, Types.DATE);
        ps.setObject(12, f.termEnd, Types.DATE);
        ps.setString(13, f.resource);
        ps.setString(14, f.amendmentId);
        ps.setString(15, f.fromOptionId);
    }

    private static void bindOptionFact(PreparedStatement ps, OptionFactEntity f) throws SQLException {
        bindFact(
                ps,
                f.position,
                f.kind.name(),
                f.dealId,
                f.counterpartyId,
                f.direction,
                f.currency,
                f.optionId,
                f.effectiveDate,
                f.recordedAt);
        ps.setLong(10, f.amountMinor);
        ps.setObject(11, f.exercisableFrom, Types.DATE);
        ps.setObject(12, f.expiresOn, Types.DATE);
        ps.setString(13, f.commitmentId);
    }
}

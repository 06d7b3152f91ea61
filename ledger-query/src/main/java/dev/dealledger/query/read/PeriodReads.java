package dev.dealledger.query.read;

import dev.dealledger.api.view.CauseKind;
import dev.dealledger.api.view.HistoryFactView;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.query.derive.CounterpartyMarket;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.derive.RestatementWalk;
import dev.dealledger.query.readmodel.HistoryEntryEntity;
import dev.dealledger.query.readmodel.PeriodCloseEntity;
import dev.dealledger.query.readmodel.PeriodCloseQueries;
import dev.dealledger.query.readmodel.PeriodReportEntity;
import dev.dealledger.query.readmodel.PeriodReportRowEntity;
import dev.dealledger.query.readmodel.ReadModelQueries;
import dev.dealledger.query.readmodel.ReadModelSession;
import dev.dealledger.verify.PeriodDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Closed periods (docs/domain.md, "Period close"): the figures as reported, stored once and never changed, the same
 * figures as restated at a later knowledge instant, and the post-close adjustments between the two.
 *
 * <p>The figures as reported are the exposure rows at (asOf = period end, knownAt = the close's instant), derived by
 * the same code as {@code GET /exposure} ({@link LedgerReads#figures}, {@link LedgerReads#row}). They are derived once
 * the read models hold every fact recorded by that instant (the web layer waits for that) and then stored: what was
 * known at an instant never changes, so deriving them later gives the same rows, and storing them keeps the rows and
 * their digest exactly what was first served.
 */
@ApplicationScoped
public class PeriodReads {

    /** Names the digest's encoding ({@link PeriodDigest}). */
    public static final String DIGEST_ENCODING = PeriodDigest.ENCODING;

    @Inject
    ReadModelSession sessions;

    @Inject
    LedgerReads reads;

    @Inject
    ExpensiveReads expensive;

    /** A close as the list of closed periods shows it. */
    public record Closed(LocalDate periodEnd, Instant closedAt, long position, String actor, String reason) {}

    /** Every close recorded by {@code knownAt}, by period end. */
    @Transactional
    public List<Closed> closes(Instant knownAt) {
        return new PeriodCloseQueries(sessions.get())
                .closes(knownAt).stream()
                        .map(c -> new Closed(c.periodEnd, c.closedAt, c.position, c.actor, c.reason))
                        .toList();
    }

    /** The figures as reported, derived and not yet stored. */
    public record Report(PeriodCloseEntity close, List<PeriodView.Row> rows, String digest) {}

    /**
     * Whether the period's close, known at {@code knownAt}, still needs its figures as reported derived and stored.
     *
     * @throws NotRecorded if no close of the period was recorded by {@code knownAt}
     */
    @Transactional
    public boolean awaitsReport(LocalDate periodEnd, Instant knownAt) {
        PeriodCloseQueries closes = new PeriodCloseQueries(sessions.get());
        closes.close(periodEnd, knownAt).orElseThrow(() -> notClosed(periodEnd, knownAt));
        return closes.report(periodEnd).isEmpty();
    }

    /** Derives the figures as reported. The caller has made sure the read models hold every fact known at the close. */
    @Transactional
    public Report deriveReport(LocalDate periodEnd) {
        ReadModelQueries q = reads.queries();
        PeriodCloseEntity close = new PeriodCloseQueries(sessions.get())
                .close(periodEnd, Instant.MAX)
                .orElseThrow(() -> notClosed(periodEnd, Instant.MAX));
        List<PeriodView.Row> rows = rows(reads.figures(q, periodEnd, close.closedAt));
        return new Report(close, rows, digest(periodEnd, close.closedAt, rows));
    }

    /**
     * Stores derived figures as reported, only ever as an insert. A concurrent read that stored them first makes this
     * insert fail on the period's key; the caller then reads what that one stored, which is the same.
     */
    @Transactional
    public void store(Report report) {
        LocalDate periodEnd = report.close().periodEnd;
        PeriodReportEntity stored = new PeriodReportEntity();
        stored.periodEnd = periodEnd;
        stored.digest = report.digest();
        stored.rowCount = report.rows().size();
        List<PeriodReportRowEntity> rows = new ArrayList<>();
        for (int i = 0; i < report.rows().size(); i++) {
            rows.add(PeriodReportRowEntity.of(periodEnd, i, report.rows().get(i)));
        }
        new PeriodCloseQueries(sessions.get()).storeReport(stored, rows);
    }

    /** The closed period as reported, as restated at {@code knownAt}, and the adjustments in between. */
    @Transactional
    public PeriodView period(LocalDate periodEnd, Instant knownAt) {
        ReadModelQueries q = reads.queries();
        PeriodCloseQueries closes = new PeriodCloseQueries(sessions.get());
        PeriodCloseEntity close = closes.close(periodEnd, knownAt).orElseThrow(() -> notClosed(periodEnd, knownAt));
        PeriodReportEntity report = closes.report(periodEnd)
                .orElseThrow(() -> new IllegalStateException(
                        "the figures as reported of the period ending " + periodEnd + " are not stored yet"));
        List<PeriodView.Row> asReported =
                closes.reportRows(periodEnd).stream().map(PeriodReads::row).toList();
        if (asReported.size() != report.rowCount) {
            throw new IllegalStateException("the period ending " + periodEnd + " has " + asReported.size()
                    + " stored rows, its report says " + report.rowCount);
        }
        long version = q.changeJournal().current().version();
        // Restating walks every fact recorded since the close, per counterparty: one expensive read, shared. The
        // window's ends and points are read once for all of them.
        return expensive.compute(new PeriodKey(periodEnd, knownAt, version), () -> {
            LedgerReads.Window window = null;
            String omitted = null;
            if (knownAt.isAfter(close.closedAt)) {
                try {
                    window = reads.window(q, close.periodEnd, close.closedAt, knownAt);
                } catch (RestatementTooLarge e) {
                    // The figures as reported and as restated are still whole; only the walk between them is not.
                    omitted = String.format(
                            Locale.ROOT,
                            "more than %,d facts were recorded between the close and knownAt, more than one read"
                                    + " walks; the restatement of each counterparty over narrower windows lists them",
                            reads.maxRestatementFacts());
                }
            }
            return new PeriodView(
                    periodEnd,
                    close.closedAt,
                    close.recordedAt,
                    close.position,
                    close.actor,
                    close.reason,
                    DIGEST_ENCODING,
                    report.digest,
                    knownAt,
                    asReported,
                    rows(window != null ? window.after() : reads.figures(q, periodEnd, knownAt)),
                    window != null ? adjustments(q, window, asReported) : List.of(),
                    omitted);
        });
    }

    private record PeriodKey(LocalDate periodEnd, Instant knownAt, long version) {}

    /**
     * Every fact recorded in (closedAt, knownAt] and effective by the period end that moved a figure of any row of
     * the period, with its own effect on each: the restatement walk of each counterparty with a row on either side,
     * between the two instants at asOf = period end. A fact that moved another counterparty's concentration is
     * listed with that effect too, and takes its kind from its own counterparty's walk.
     */
    private List<PeriodView.Adjustment> adjustments(
            ReadModelQueries q, LedgerReads.Window window, List<PeriodView.Row> asReported) {
        TreeSet<String> counterparties = new TreeSet<>();
        asReported.forEach(r -> counterparties.add(r.counterpartyId()));
        window.after().totals().keySet().forEach(k -> counterparties.add(k.counterpartyId()));
        Map<Long, CauseKind> kinds = new TreeMap<>();
        Map<Long, List<PeriodView.Effect>> effects = new TreeMap<>();
        for (String counterpartyId : counterparties) {
            RestatementWalk.Outcome outcome =
                    reads.restated(q, counterpartyId, window).outcome();
            outcome.causes().forEach((position, kind) -> kinds.merge(position, kind, PeriodReads::ownKind));
            outcome.effects()
                    .forEach((position, list) ->
                            list.forEach(e -> effects.computeIfAbsent(position, p -> new ArrayList<>())
                                    .add(effect(e))));
        }
        List<PeriodView.Adjustment> adjustments = new ArrayList<>();
        for (HistoryEntryEntity h : q.historyAt(List.copyOf(kinds.keySet()))) {
            HistoryFactView f = reads.fact(h);
            adjustments.add(new PeriodView.Adjustment(
                    f.position(),
                    Objects.requireNonNull(kinds.get(h.position), () -> "no cause kind for adjustment " + h.position)
                            .wire(),
                    h.counterpartyId,
                    f.dealId(),
                    f.eventType(),
                    f.effectiveDate(),
                    f.recordedAt(),
                    f.actor(),
                    f.reason(),
                    f.sourceReference(),
                    f.payload(),
                    effects.getOrDefault(h.position, List.of())));
        }
        return adjustments;
    }

    /** A fact is `market` only for the counterparties it does not belong to; its own walk names its real kind. */
    private static CauseKind ownKind(CauseKind a, CauseKind b) {
        return a == CauseKind.MARKET ? b : a;
    }

    private static PeriodView.Effect effect(RestatementWalk.Effect e) {
        return new PeriodView.Effect(
                e.key().counterpartyId(),
                e.key().currency(),
                e.key().direction(),
                e.field(),
                e.effect().toPlainString());
    }

    /**
     * Flags a fact of a deal's history as a post-close adjustment: recorded after a close's {@code closedAt} (strictly:
     * facts of that instant were known to the figures) and effective on or before that close's period end. Of
     * several such closes the earliest period end is named, the first period the fact reaches back into.
     *
     * @param closes the closes known at the history's knownAt, by period end
     */
    static HistoryFactView flagPostCloseAdjustment(HistoryFactView f, List<PeriodCloseEntity> closes) {
        for (PeriodCloseEntity close : closes) {
            if (f.recordedAt().isAfter(close.closedAt) && !f.effectiveDate().isAfter(close.periodEnd)) {
                return new HistoryFactView(
                        f.position(),
                        f.dealId(),
                        f.eventType(),
                        f.effectiveDate(),
                        f.recordedAt(),
                        f.actor(),
                        f.reason(),
                        f.sourceReference(),
                        f.sourceDocumentSha256(),
                        f.payload(),
                        close.periodEnd);
            }
        }
        return f;
    }

    /** The exposure rows of every counterparty and market, in the exposure table's order. */
    private static List<PeriodView.Row> rows(LedgerFigures figures) {
        List<PeriodView.Row> rows = new ArrayList<>();
        figures.totals().forEach((key, totals) -> rows.add(row(key, LedgerReads.row(figures, key, totals))));
        return rows;
    }

    private static PeriodView.Row row(CounterpartyMarket key, TotalsRowView t) {
        return new PeriodView.Row(
                key.counterpartyId(),
                t.currency(),
                t.direction(),
                t.committed(),
                t.elapsed(),
                t.remaining(),
                t.potential(),
                t.exposure(),
                t.concentration(),
                t.deals(),
                t.commitments(),
                t.optionsOpen(),
                t.optionsExercised(),
                t.amendments());
    }

    /** The digest of {@link PeriodDigest}, over rows as served. */
    public static String digest(LocalDate periodEnd, Instant closedAt, List<PeriodView.Row> rows) {
        return PeriodDigest.of(
                periodEnd.toString(),
                closedAt.toString(),
                rows.stream()
                        .map(r -> new PeriodDigest.Row(
                                r.counterpartyId(),
                                r.currency(),
                                r.direction().name(),
                                r.committed(),
                                r.elapsed(),
                                r.remaining(),
                                r.potential(),
                                r.exposure(),
                                r.concentration(),
                                r.deals(),
                                r.commitments(),
                                r.optionsOpen(),
                                r.optionsExercised(),
                                r.amendments()))
                        .toList());
    }

    private static PeriodView.Row row(PeriodReportRowEntity e) {
        return new PeriodView.Row(
                e.counterpartyId,
                e.currency,
                e.direction,
                e.committed,
                e.elapsed,
                e.remaining,
                e.potential,
                e.exposure,
                e.concentration,
                e.deals,
                e.commitments,
                e.optionsOpen,
                e.optionsExercised,
                e.amendments);
    }

    private static NotRecorded notClosed(LocalDate periodEnd, Instant knownAt) {
        return new NotRecorded(
                knownAt.equals(Instant.MAX)
                        ? "the period ending " + periodEnd + " is not closed"
                        : "the period ending " + periodEnd + " was not closed as known at " + knownAt);
    }
}

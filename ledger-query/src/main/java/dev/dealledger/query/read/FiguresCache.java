package dev.dealledger.query.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.readmodel.ProjectionChanges;
import dev.dealledger.query.readmodel.ProjectionChanges.Changes;
import dev.dealledger.query.readmodel.ProjectionChanges.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * Keeps ledger-wide figures, so that a repeated ledger-wide read does not fold every visible fact again, and knows
 * exactly when a kept answer may have changed, from the projection's change journal ({@link ProjectionChanges}).
 *
 * <p>An answer for (asOf, knownAt) depends only on the facts recorded by knownAt. A past knownAt is kept under its own
 * value, and the answer computed at journal version v still holds at version w when every projection transaction in
 * (v, w] projected only events recorded after knownAt. A knownAt at or after the latest recorded instant projected so
 * far sees every projected fact: those reads share one entry per asOf, which holds only while the version stands
 * still. Whatever the journal cannot prove (a version no longer in the journal, a rebuild) is computed again.
 */
public final class FiguresCache {

    /** How a read was answered, for tests and metrics. */
    public enum Outcome {
        COMPUTED,
        KEPT,
        KEPT_AFTER_CHECK
    }

    /** A ledger-wide answer and how it was obtained. */
    public record Answer(LedgerFigures figures, Outcome outcome) {}

    private record Slot(LocalDate asOf, Instant knownAt) {}

    private record Entry(long version, LedgerFigures figures) {}

    /** What a fold's answer depends on: reads with equal keys share one fold ({@link ExpensiveReads}). */
    private record Fold(Slot slot, long version) {}

    private final Cache<Slot, Entry> entries;
    private final ExpensiveReads gate;

    /** {@code maxKeys}: how many (counterparty, currency, direction) totals all kept answers may hold; 0 keeps none. */
    public FiguresCache(long maxKeys) {
        this(maxKeys, null);
    }

    /** As {@link #FiguresCache(long)}, with every fold run through {@code gate} (null: run directly). */
    public FiguresCache(long maxKeys, ExpensiveReads gate) {
        this.gate = gate;
        this.entries = maxKeys <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxKeys)
                        .<Slot, Entry>weigher((slot, entry) ->
                                Math.max(1, entry.figures().totals().size()))
                        .build();
    }

    /**
     * The figures at (asOf, knownAt): kept ones when the journal proves them current, otherwise {@code compute}'s,
     * which are then kept. The version is read before computing, so an answer that already saw later transactions is
     * only ever checked against more of the journal than it needs.
     */
    public Answer figures(LocalDate asOf, Instant knownAt, ProjectionChanges journal, Supplier<LedgerFigures> compute) {
        if (entries == null) {
            if (gate == null) {
                return new Answer(compute.get(), Outcome.COMPUTED);
            }
            return new Answer(fold(new Slot(asOf, knownAt), journal.current().version(), compute), Outcome.COMPUTED);
        }
        Version now = journal.current();
        boolean seesEverything = now.maxRecordedAt() == null || !knownAt.isBefore(now.maxRecordedAt());
        Slot slot = new Slot(asOf, seesEverything ? null : knownAt);
        Entry kept = entries.getIfPresent(slot);
        if (kept != null) {
            if (kept.version() == now.version()) {
                return new Answer(kept.figures(), Outcome.KEPT);
            }
            if (!seesEverything && kept.version() < now.version()) {
                Changes changes = journal.between(kept.version(), now.version());
                if (changes.transactions() == now.version() - kept.version()
                        && changes.earliestRecordedAt().isAfter(knownAt)) {
                    entries.put(slot, new Entry(now.version(), kept.figures()));
                    return new Answer(kept.figures(), Outcome.KEPT_AFTER_CHECK);
                }
            }
        }
        LedgerFigures computed = fold(slot, now.version(), compute);
        entries.put(slot, new Entry(now.version(), computed));
        return new Answer(computed, Outcome.COMPUTED);
    }

    /**
     * Folds, or shares the fold of an identical read already running: same slot, same journal version, so the same
     * facts. Completed inside, so that the reads sharing it never complete one object concurrently.
     */
    private LedgerFigures fold(Slot slot, long version, Supplier<LedgerFigures> compute) {
        if (gate == null) {
            return compute.get().complete();
        }
        return gate.compute(new Fold(slot, version), () -> compute.get().complete());
    }

    public void clear() {
        if (entries != null) {
            entries.invalidateAll();
        }
    }
}

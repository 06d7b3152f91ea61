package dev.dealledger.query.read;

import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.readmodel.ProjectionChanges;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * Keeps ledger-wide figures ({@link KeptAnswers}), so that a repeated ledger-wide read (totals, exposure, the figures
 * of a restatement or a period) does not fold every visible fact again. Bounded by the (counterparty,
 * currency, direction) totals all kept figures hold.
 */
public final class FiguresCache {

    /** A ledger-wide answer and how it was obtained. */
    public record Answer(LedgerFigures figures, KeptAnswers.Outcome outcome) {}

    private final KeptAnswers<LedgerFigures> kept;

    /** {@code maxKeys}: how many (counterparty, currency, direction) totals all kept answers may hold; 0 keeps none. */
    public FiguresCache(long maxKeys) {
        this(maxKeys, null);
    }

    /** As {@link #FiguresCache(long)}, with every fold run through {@code gate} (null: run directly). */
    public FiguresCache(long maxKeys, ExpensiveReads gate) {
        this.kept = new KeptAnswers<>("ledger-figures", maxKeys, f -> f.totals().size(), gate);
    }

    /**
     * The figures at (asOf, knownAt): kept ones when the journal proves them current, otherwise {@code compute}'s. A
     * fold is completed inside, so that the reads sharing it never complete one object concurrently.
     */
    public Answer figures(LocalDate asOf, Instant knownAt, ProjectionChanges journal, Supplier<LedgerFigures> compute) {
        KeptAnswers.Answer<LedgerFigures> answer =
                kept.answer(asOf, knownAt, journal, () -> compute.get().complete());
        return new Answer(answer.value(), answer.outcome());
    }

    /** Counts every answer by how it was obtained ({@link KeptAnswers#countedAs}). */
    public FiguresCache countedAs(MeterRegistry registry, String name, String description) {
        kept.countedAs(registry, name, description);
        return this;
    }

    public void clear() {
        kept.clear();
    }
}

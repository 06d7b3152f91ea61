package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;
import dev.dealledger.api.schedule.AmendmentFact;
import dev.dealledger.api.schedule.CommitmentTerms;
import dev.dealledger.api.schedule.CommitmentTimeline;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.OptionFactEntity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives every number of DOMAIN.md from the facts visible at one (asOf, knownAt). The caller has already selected
 * the rows with {@code effectiveDate <= asOf and recordedAt <= knownAt}; the per-commitment arithmetic is
 * {@link CommitmentTimeline}'s, shared with the write side.
 */
public final class LedgerFigures {

    private final LocalDate asOf;
    private final Map<Key, Totals> totals = new TreeMap<>();
    private final Map<String, CommitmentFigures> commitments = new LinkedHashMap<>();
    private final Map<String, OptionFigures> options = new LinkedHashMap<>();
    private Map<String, Long> remainingPerMarket;

    private LedgerFigures(LocalDate asOf) {
        this.asOf = asOf;
    }

    /** The numbers of one commitment at asOf. */
    public record CommitmentFigures(
            CommitmentFactEntity recorded,
            CommitmentTimeline timeline,
            CommitmentTimeline.Figures figures,
            LocalDate termEnd,
            long amendments) {}

    /** The state of one option at asOf. */
    public record OptionFigures(OptionFactEntity granted, OptionFactEntity exercise, long potentialMinor) {
        public boolean expired(LocalDate asOf) {
            return exercise == null && granted.expiresOn.isBefore(asOf);
        }
    }

    public static LedgerFigures derive(
            LocalDate asOf,
            List<DealEntity> deals,
            List<CommitmentFactEntity> commitmentFacts,
            List<OptionFactEntity> optionFacts) {
        LedgerFigures figures = new LedgerFigures(asOf);
        for (DealEntity deal : deals) {
            figures.totals(deal.counterpartyId, deal.currency, deal.direction).deals++;
        }
        figures.addCommitments(commitmentFacts);
        figures.addOptions(optionFacts);
        return figures;
    }

    private Totals totals(String counterpartyId, String currency, Direction direction) {
        return totals.computeIfAbsent(new Key(counterpartyId, currency, direction), k -> new Totals());
    }

    private void addCommitments(List<CommitmentFactEntity> facts) {
        Map<String, List<CommitmentFactEntity>> byCommitment = new LinkedHashMap<>();
        for (CommitmentFactEntity f : facts) {
            byCommitment
                    .computeIfAbsent(f.dealId + "\u0000" + f.commitmentId, k -> new ArrayList<>())
                    .add(f);
        }
        for (List<CommitmentFactEntity> group : byCommitment.values()) {
            CommitmentFactEntity recorded = null;
            List<AmendmentFact> amendments = new ArrayList<>();
            LocalDate terminatedOn = null;
            for (CommitmentFactEntity f : group) {
                switch (f.kind) {
                    case RECORDED -> recorded = f;
                    case AMENDED ->
                        amendments.add(new AmendmentFact(
                                f.amendmentId, f.effectiveDate, f.position, f.amountMinor, f.termEnd));
                    case TERMINATED -> terminatedOn = f.effectiveDate;
                }
            }
            if (recorded == null) {
                // Cannot happen for consistent histories: amendments are never effective or recorded before it.
                continue;
            }
            CommitmentTimeline timeline = CommitmentTimeline.of(
                    new CommitmentTerms(
                            recorded.amountMinor, recorded.termStart, recorded.termEnd, recorded.effectiveDate),
                    amendments,
                    terminatedOn);
            CommitmentTimeline.Figures f = timeline.figuresAsOf(asOf);
            long amendmentCount = timeline.amendmentsEffectiveBy(asOf);
            commitments.put(
                    recorded.dealId + "/" + recorded.commitmentId,
                    new CommitmentFigures(recorded, timeline, f, timeline.termEndAsOf(asOf), amendmentCount));
            Totals t = totals(recorded.counterpartyId, recorded.currency, recorded.direction);
            t.commitments++;
            t.amendments += amendmentCount;
            t.committedMinor = Math.addExact(t.committedMinor, f.committedMinor());
            t.elapsedMinor = Math.addExact(t.elapsedMinor, f.elapsedMinor());
            t.remainingMinor = Math.addExact(t.remainingMinor, f.remainingMinor());
            f.remainingByYear().forEach((year, minor) -> t.remainingByYearMinor.merge(year, minor, Math::addExact));
        }
    }

    private void addOptions(List<OptionFactEntity> facts) {
        Map<String, OptionFactEntity> granted = new LinkedHashMap<>();
        Map<String, OptionFactEntity> exercised = new HashMap<>();
        for (OptionFactEntity f : facts) {
            String id = f.dealId + "/" + f.optionId;
            if (f.kind == OptionFactEntity.Kind.GRANTED) {
                granted.put(id, f);
            } else {
                exercised.put(id, f);
            }
        }
        granted.forEach((id, g) -> {
            OptionFactEntity exercise = exercised.get(id);
            // Potential counts from the grant until the option is exercised or expires (expiresOn < asOf).
            long potential = exercise == null && !g.expiresOn.isBefore(asOf) ? g.amountMinor : 0;
            options.put(id, new OptionFigures(g, exercise, potential));
            Totals t = totals(g.counterpartyId, g.currency, g.direction);
            t.potentialMinor = Math.addExact(t.potentialMinor, potential);
            if (potential > 0) {
                t.optionsOpen++;
            }
            if (exercise != null) {
                t.optionsExercised++;
            }
        });
    }

    public Map<Key, Totals> totals() {
        return totals;
    }

    public Map<String, CommitmentFigures> commitments() {
        return commitments;
    }

    public Map<String, OptionFigures> options() {
        return options;
    }

    /**
     * This key's remaining as a share of the remaining of every counterparty in the same currency and direction,
     * rounded half-even to 6 places; 0 when nothing remains in that currency and direction.
     */
    public BigDecimal concentration(Key key) {
        if (remainingPerMarket == null) {
            remainingPerMarket = new HashMap<>();
            totals.forEach((k, t) ->
                    remainingPerMarket.merge(k.currency() + "/" + k.direction(), t.remainingMinor, Math::addExact));
        }
        long all = remainingPerMarket.getOrDefault(key.currency() + "/" + key.direction(), 0L);
        Totals mine = totals.get(key);
        if (all == 0 || mine == null) {
            return BigDecimal.ZERO.setScale(6);
        }
        return BigDecimal.valueOf(mine.remainingMinor).divide(BigDecimal.valueOf(all), 6, RoundingMode.HALF_EVEN);
    }
}

package dev.dealledger.query.read;

import dev.dealledger.api.Direction;
import dev.dealledger.model.schedule.InstallmentSchedule;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.ReadModelQueries;
import dev.dealledger.query.readmodel.ReadModelSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console shows beside the published views: a counterparty's deals, and each commitment's installments month
 * by month. Both come from the same rows and the same derivation ({@link LedgerFigures}, {@code CommitmentTimeline})
 * as {@link LedgerReads}, so the installments add up to the committed amount that the deal view answers.
 */
@ApplicationScoped
public class DealOutlines {

    @Inject
    ReadModelSession sessions;

    /** One deal as a counterparty's list shows it; {@code signedByAsOf} says whether it counts at asOf. */
    public record DealSummary(
            String dealId,
            String title,
            Direction direction,
            String currency,
            LocalDate signedOn,
            Instant recordedAt,
            boolean signedByAsOf) {}

    /** The installments of one commitment in the schedule in force at asOf, in minor units, due-date order. */
    public record Installments(String commitmentId, String currency, List<InstallmentSchedule.Installment> due) {}

    /** One page of a counterparty's deals, and how many there are in all. */
    public record DealPage(List<DealSummary> deals, int offset, long total) {}

    /**
     * The counterparty's deals recorded by knownAt, in recorded order, {@code limit} from {@code offset}; those signed
     * after asOf are marked so. A pinned knownAt pins the list, so a page's link shows the same deals later.
     */
    @Transactional
    public DealPage dealsOf(String counterpartyId, LocalDate asOf, Instant knownAt, int offset, int limit) {
        ReadModelQueries q = new ReadModelQueries(sessions.get()).oneSnapshot();
        q.counterparty(counterpartyId)
                .orElseThrow(() -> new NotRecorded("no counterparty '" + counterpartyId + "' is registered"));
        List<DealSummary> deals = new ArrayList<>();
        for (DealEntity d : q.dealsOfCounterparty(counterpartyId, knownAt, offset, limit)) {
            deals.add(new DealSummary(
                    d.dealId,
                    d.title,
                    d.direction,
                    d.currency,
                    d.signedOn,
                    d.recordedAt,
                    !d.effectiveDate.isAfter(asOf)));
        }
        return new DealPage(deals, offset, q.countDealsOfCounterparty(counterpartyId, knownAt));
    }

    /** Each commitment's installments at (asOf, knownAt), in the deal view's order. */
    @Transactional
    public List<Installments> installments(String dealId, LocalDate asOf, Instant knownAt) {
        ReadModelQueries q = new ReadModelQueries(sessions.get()).oneSnapshot();
        DealEntity deal = q.deal(dealId).orElseThrow(() -> new NotRecorded("no deal '" + dealId + "' is recorded"));
        if (deal.recordedAt.isAfter(knownAt)) {
            throw new NotRecorded("deal '" + dealId + "' was not yet recorded at " + knownAt);
        }
        LedgerFigures figures = LedgerFigures.derive(
                asOf,
                q.dealsOfDeal(dealId, asOf, knownAt),
                q.commitmentFactsOfDeal(dealId, asOf, knownAt),
                q.optionFactsOfDeal(dealId, asOf, knownAt));
        List<Installments> out = new ArrayList<>();
        figures.commitments().values().forEach(c -> {
            List<InstallmentSchedule.Installment> due =
                    c.timeline().scheduleAsOf(asOf).installments();
            long sum = due.stream()
                    .mapToLong(InstallmentSchedule.Installment::amountMinor)
                    .sum();
            // The picture must add up to the number beside it; a schedule that does not is a bug, never a display.
            if (sum != c.figures().committedMinor()) {
                throw new IllegalStateException("installments of " + dealId + "/" + c.recorded().commitmentId
                        + " add up to " + sum + ", committed is " + c.figures().committedMinor());
            }
            out.add(new Installments(c.recorded().commitmentId, deal.currency, due));
        });
        return out;
    }
}

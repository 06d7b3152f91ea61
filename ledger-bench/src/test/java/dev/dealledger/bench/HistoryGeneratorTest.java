package dev.dealledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.CommitmentTerms;
import dev.dealledger.model.schedule.CommitmentTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HistoryGeneratorTest {

    private static final long TARGET = 20_000;
    private static List<HistoryGenerator.Event> events;

    @BeforeAll
    static void generate() {
        events = new ArrayList<>();
        HistoryGenerator g = new HistoryGenerator(HistoryGenerator.Shape.forEvents(TARGET), 7);
        g.forEachRemaining(events::add);
    }

    private static Map<String, Long> countsByType() {
        Map<String, Long> counts = new TreeMap<>();
        events.forEach(e -> counts.merge(e.payload().getClass().getSimpleName(), 1L, Long::sum));
        return counts;
    }

    private static double share(String type) {
        return countsByType().getOrDefault(type, 0L) / (double) events.size();
    }

    @Test
    void it_stops_at_the_target_give_or_take_one_deal_per_open_stream() {
        assertThat(events.size()).isBetween((int) TARGET, (int) TARGET + 30 * 400);
    }

    @Test
    void the_proportions_are_those_of_a_ledger_of_large_deals() {
        // Per deal: 1 record, 1-5 commitments (mean 3), 0-2 options (mean 0.85), half of them exercised,
        // 0-6 amendments (mean 3, a few skipped by the rules), 8% of deals terminate one commitment.
        assertThat(share("DealRecordedEvent")).isBetween(0.09, 0.14);
        assertThat(share("CommitmentRecordedEvent")).isBetween(0.30, 0.40);
        assertThat(share("OptionGrantedEvent")).isBetween(0.08, 0.12);
        assertThat(share("OptionExercisedEvent")).isBetween(0.03, 0.06);
        assertThat(share("CommitmentAmendedEvent")).isBetween(0.28, 0.40);
        assertThat(share("CommitmentTerminatedEvent")).isBetween(0.003, 0.015);
        assertThat(share("CounterpartyRegisteredEvent") + share("AgreementSignedEvent"))
                .isLessThan(0.01);
    }

    @Test
    void the_same_seed_gives_the_same_history() {
        List<HistoryGenerator.Event> again = new ArrayList<>();
        new HistoryGenerator(HistoryGenerator.Shape.forEvents(TARGET), 7).forEachRemaining(again::add);

        assertThat(again).isEqualTo(events);
    }

    @Test
    void every_stream_counts_from_zero_without_gaps_and_a_deal_starts_with_its_record() {
        Map<String, Long> next = new HashMap<>();
        Set<String> agreements = new HashSet<>();
        Set<String> counterparties = new HashSet<>();
        for (HistoryGenerator.Event e : events) {
            long expected = next.getOrDefault(e.aggregateId(), 0L);
            assertThat(e.sequenceNumber()).as("sequence of %s", e.aggregateId()).isEqualTo(expected);
            next.put(e.aggregateId(), expected + 1);
            switch (e.aggregateType()) {
                case "Counterparty" -> counterparties.add(e.aggregateId());
                case "Agreement" -> agreements.add(e.aggregateId());
                case "Deal" -> {
                    if (e.sequenceNumber() == 0) {
                        DealRecordedEvent deal = (DealRecordedEvent) e.payload();
                        assertThat(agreements).contains(deal.agreementId());
                        assertThat(counterparties).contains(deal.counterpartyId());
                    } else {
                        assertThat(e.payload()).isNotInstanceOf(DealRecordedEvent.class);
                    }
                }
                default -> throw new AssertionError(e.aggregateType());
            }
        }
    }

    @Test
    void deals_interleave_in_recorded_order_as_concurrent_work_would() {
        String previous = null;
        int switches = 0;
        for (HistoryGenerator.Event e : events) {
            if (previous != null && !previous.equals(e.aggregateId())) {
                switches++;
            }
            previous = e.aggregateId();
        }
        assertThat(switches).isGreaterThan(events.size() * 9 / 10);
    }

    @Test
    void counterparties_are_unevenly_sized() {
        Map<String, Long> dealsPerCounterparty = new HashMap<>();
        events.stream()
                .filter(e -> e.payload() instanceof DealRecordedEvent)
                .forEach(e ->
                        dealsPerCounterparty.merge(((DealRecordedEvent) e.payload()).counterpartyId(), 1L, Long::sum));
        long largest = dealsPerCounterparty.get(HistoryGenerator.counterpartyId(0));
        long smallest = dealsPerCounterparty.values().stream()
                .mapToLong(Long::longValue)
                .min()
                .orElseThrow();
        assertThat(largest).isGreaterThan(3 * smallest);
    }

    /** Replays each deal as the Deal aggregate's rules would check it: no fact here would have been refused. */
    @Test
    void every_history_passes_the_ledger_rules() {
        Map<String, Map<String, CommitmentTerms>> terms = new HashMap<>();
        Map<String, Map<String, List<AmendmentFact>>> amendments = new HashMap<>();
        Map<String, Map<String, OptionGrantedEvent>> options = new HashMap<>();
        for (HistoryGenerator.Event e : events) {
            String deal = e.aggregateId();
            Map<String, CommitmentTerms> t = terms.computeIfAbsent(deal, k -> new HashMap<>());
            Map<String, List<AmendmentFact>> a = amendments.computeIfAbsent(deal, k -> new HashMap<>());
            if (e.payload() instanceof CommitmentRecordedEvent c) {
                assertThat(c.termEnd()).isAfterOrEqualTo(c.termStart());
                assertThat(c.amount().signum()).isPositive();
                assertThat(t.put(c.commitmentId(), terms(c.amount(), c.termStart(), c.termEnd(), c.effectiveDate())))
                        .isNull();
            } else if (e.payload() instanceof OptionGrantedEvent o) {
                assertThat(o.expiresOn()).isAfterOrEqualTo(o.exercisableFrom());
                options.computeIfAbsent(deal, k -> new HashMap<>()).put(o.optionId(), o);
            } else if (e.payload() instanceof OptionExercisedEvent x) {
                OptionGrantedEvent o = options.get(deal).get(x.optionId());
                assertThat(x.effectiveDate()).isBetween(o.exercisableFrom(), o.expiresOn());
                assertThat(x.amount().add(x.lapsedAmount())).isEqualByComparingTo(o.maxAmount());
                assertThat(x.lapsedAmount().signum()).isNotNegative();
                assertThat(t.put(x.commitmentId(), terms(x.amount(), x.termStart(), x.termEnd(), x.effectiveDate())))
                        .isNull();
            } else if (e.payload() instanceof CommitmentAmendedEvent m) {
                List<AmendmentFact> list = a.computeIfAbsent(m.commitmentId(), k -> new ArrayList<>());
                list.add(new AmendmentFact(
                        m.amendmentId(),
                        m.effectiveDate(),
                        e.sequenceNumber(),
                        m.amountDelta().movePointRight(2).longValueExact(),
                        m.newTermEnd()));
                assertThat(CommitmentTimeline.of(t.get(m.commitmentId()), list, null)
                                .firstRefusal())
                        .as("amendment %s of %s", m.amendmentId(), deal)
                        .isEmpty();
            } else if (e.payload() instanceof CommitmentTerminatedEvent x) {
                CommitmentTerms c = t.get(x.commitmentId());
                List<AmendmentFact> list = a.getOrDefault(x.commitmentId(), List.of());
                CommitmentTimeline timeline = CommitmentTimeline.of(c, list, null);
                assertThat(x.effectiveDate()).isAfterOrEqualTo(c.effectiveDate());
                assertThat(x.effectiveDate()).isBeforeOrEqualTo(timeline.termEndAsOf(x.effectiveDate()));
                assertThat(list).allSatisfy(m -> assertThat(m.effectiveDate()).isBefore(x.effectiveDate()));
            }
        }
    }

    private static CommitmentTerms terms(java.math.BigDecimal amount, LocalDate start, LocalDate end, LocalDate eff) {
        return new CommitmentTerms(amount.movePointRight(2).longValueExact(), start, end, eff);
    }
}

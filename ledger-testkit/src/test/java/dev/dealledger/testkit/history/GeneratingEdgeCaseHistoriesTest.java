package dev.dealledger.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge-case mix is what the query service's random-history tests lean on: these check that its histories really
 * hold the odd cases it promises, and hold them inside the rules, at the sizes those tests record.
 */
class GeneratingEdgeCaseHistoriesTest {

    private static final int HISTORIES = 100;
    private static final List<List<Fact>> histories = new ArrayList<>();

    private static List<Fact> history(long seed) {
        Random random = new Random(seed);
        int parties = 3 + random.nextInt(2);
        int steps = 30 + random.nextInt(30);
        List<Fact> facts = new ArrayList<>();
        new RandomLedger(
                        new RandomLedger.Shape("t", "Test", parties, 1, 4L * parties + steps, Math.max(2, parties)),
                        RandomLedger.Mix.EDGE_CASES,
                        random)
                .forEachRemaining(r -> facts.add(r.fact()));
        return facts;
    }

    @BeforeAll
    static void generate() {
        for (int seed = 0; seed < HISTORIES; seed++) {
            histories.add(history(seed));
        }
    }

    private static <F extends Fact> List<F> all(Class<F> kind) {
        return histories.stream()
                .flatMap(List::stream)
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    @Test
    void the_same_seed_gives_the_same_history() {
        assertThat(history(7)).isEqualTo(histories.get(7));
    }

    @Test
    void every_counterparty_has_a_deal_and_both_markets_of_both_currencies_occur() {
        for (List<Fact> history : histories) {
            Set<String> registered = new HashSet<>();
            Set<String> dealing = new HashSet<>();
            history.forEach(f -> {
                if (f instanceof Fact.Counterparty c) {
                    registered.add(c.counterpartyId());
                } else if (f instanceof Fact.Deal d) {
                    dealing.add(d.counterpartyId());
                }
            });
            assertThat(dealing).isEqualTo(registered);
        }
        Set<String> markets = new HashSet<>();
        all(Fact.Deal.class).forEach(d -> markets.add(d.currency() + "/" + d.direction()));
        assertThat(markets)
                .containsExactlyInAnyOrder(
                        "USD/" + Direction.PAYABLE,
                        "USD/" + Direction.RECEIVABLE,
                        "EUR/" + Direction.PAYABLE,
                        "EUR/" + Direction.RECEIVABLE);
    }

    @Test
    void amounts_and_terms_reach_the_rounding_and_date_edges() {
        List<Fact.Commitment> commitments = all(Fact.Commitment.class);
        // Fewer minor units than months: installments of 0 and a remainder in the last.
        assertThat(commitments).anySatisfy(c -> assertThat(c.amountMinor()).isLessThan(100));
        assertThat(commitments)
                .anySatisfy(c -> assertThat(
                                Period.between(c.termStart(), c.termEnd()).toTotalMonths())
                        .isLessThan(4));
        assertThat(commitments).anySatisfy(c -> assertThat(c.termStart()).isBefore(c.effectiveDate()));
        assertThat(commitments)
                .anySatisfy(c -> assertThat(c.termEnd().getDayOfMonth())
                        .isLessThan(c.termEnd().lengthOfMonth()));
    }

    @Test
    void amendments_come_in_every_kind_and_some_land_before_earlier_recorded_ones() {
        Map<String, Integer> kinds = new TreeMap<>();
        int backdated = 0;
        for (List<Fact> history : histories) {
            Map<String, Fact.Commitment> commitments = new HashMap<>();
            Map<String, List<Fact.Amendment>> earlier = new HashMap<>();
            for (Fact f : history) {
                if (f instanceof Fact.Commitment c) {
                    commitments.put(c.dealId() + "/" + c.commitmentId(), c);
                }
                if (!(f instanceof Fact.Amendment m)) {
                    continue;
                }
                String key = m.dealId() + "/" + m.commitmentId();
                List<Fact.Amendment> before = earlier.computeIfAbsent(key, k -> new ArrayList<>());
                if (before.stream().anyMatch(b -> b.effectiveDate().isAfter(m.effectiveDate()))) {
                    backdated++;
                }
                before.add(m);
                kinds.merge(
                        m.deltaMinor() > 0 ? "increase" : m.deltaMinor() < 0 ? "decrease" : "term only",
                        1,
                        Integer::sum);
                Fact.Commitment c = commitments.get(key);
                if (c != null && m.newTermEnd() != null) {
                    kinds.merge(m.newTermEnd().isBefore(c.termEnd()) ? "shorter" : "longer", 1, Integer::sum);
                }
            }
        }
        assertThat(kinds).containsOnlyKeys("increase", "decrease", "term only", "shorter", "longer");
        assertThat(backdated).isPositive();
        // As RebuildingGivesTheSameAnswersTest needs of three such histories: more than ten amendments.
        assertThat(all(Fact.Amendment.class)).hasSizeGreaterThan(10 * HISTORIES);
    }

    @Test
    void exercises_fall_inside_their_window_and_lapse_the_rest_of_the_maximum() {
        assertThat(all(Fact.Exercise.class)).isNotEmpty();
        for (List<Fact> history : histories) {
            Map<String, Fact.Option> options = new HashMap<>();
            for (Fact f : history) {
                if (f instanceof Fact.Option o) {
                    options.put(o.dealId() + "/" + o.optionId(), o);
                } else if (f instanceof Fact.Exercise x) {
                    Fact.Option o = options.get(x.dealId() + "/" + x.optionId());
                    assertThat(x.effectiveDate())
                            .isAfterOrEqualTo(o.exercisableFrom())
                            .isAfterOrEqualTo(o.effectiveDate())
                            .isBeforeOrEqualTo(o.expiresOn());
                    assertThat(x.amountMinor()).isPositive();
                    assertThat(x.lapsedMinor()).isNotNegative().isEqualTo(o.maxMinor() - x.amountMinor());
                }
            }
        }
    }

    @Test
    void terminations_occur_and_void_no_amendment() {
        assertThat(all(Fact.Termination.class)).isNotEmpty();
        for (List<Fact> history : histories) {
            Map<String, List<Fact.Amendment>> amendments = new HashMap<>();
            for (Fact f : history) {
                if (f instanceof Fact.Amendment m) {
                    amendments
                            .computeIfAbsent(m.dealId() + "/" + m.commitmentId(), k -> new ArrayList<>())
                            .add(m);
                } else if (f instanceof Fact.Termination t) {
                    assertThat(amendments.getOrDefault(t.dealId() + "/" + t.commitmentId(), List.of()))
                            .allSatisfy(m -> assertThat(m.effectiveDate()).isBefore(t.effectiveDate()));
                }
            }
        }
    }
}

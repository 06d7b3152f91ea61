package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.RandomHistory;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.testkit.oracle.LedgerModel;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A restatement names, for each changed total, exactly the facts recorded in (from, to] whose own step moved it
 * (docs/domain.md, "Restatement causes"). The expected causes come from the independent {@link LedgerModel}: it is
 * asked for the totals just before and just after every fact recorded in between, and a fact is a cause of a field
 * exactly where those differ. Random valid histories, several counterparties sharing markets, a fresh seed per run
 * (printed; replay with {@code -Dledger.restatement.seed=<seed>}). The class runs on its own fresh database, so
 * that the model knows every fact in every market.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(value = LedgerQueryDatabase.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RestatementCausesTest {

    static final int QUESTIONS = 40;

    @Inject
    EventStoreWriter writer;

    @Inject
    ActiveDataSource dataSource;

    @Test
    @DisplayName("A and B share a market; B's second commitment moves A's concentration and is named as its cause")
    void another_counterpartys_commitment_is_a_market_cause() {
        LedgerScript ledger = new LedgerScript(writer);
        LocalDate start = LocalDate.parse("2025-01-01");
        ledger.counterpartyWithDeal("share-a", "share-a-deal", Direction.RECEIVABLE, "SEK", start);
        ledger.counterpartyWithDeal("share-b", "share-b-deal", Direction.RECEIVABLE, "SEK", start);
        ledger.commitment("share-a-deal", "c", "1200.00", start, LocalDate.parse("2025-12-31"), "r", start);
        ledger.commitment("share-b-deal", "c", "1200.00", start, LocalDate.parse("2025-12-31"), "r", start);
        Instant from = ledger.lastRecordedAt();
        long second = ledger.commitment(
                        "share-b-deal", "c2", "2400.00", start, LocalDate.parse("2025-12-31"), "r", start)
                .position();
        Instant to = ledger.lastRecordedAt();
        ledger.awaitProjection();

        RestatementView view = Reads.restatement("share-a", LocalDate.parse("2025-01-15"), from, to);

        assertThat(view.changes()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("concentration");
            assertThat(c.before()).isEqualTo("0.500000");
            assertThat(c.after()).isEqualTo("0.250000");
            assertThat(c.causes()).containsExactly(second);
            assertThat(c.bridge()).singleElement().satisfies(line -> {
                assertThat(line.kind()).isEqualTo("market");
                assertThat(line.effect()).isEqualTo("-0.250000");
            });
        });
        assertThat(view.causes()).singleElement().satisfies(cause -> {
            assertThat(cause.position()).isEqualTo(second);
            assertThat(cause.kind()).isEqualTo("market");
            assertThat(cause.counterpartyId()).isEqualTo("share-b");
        });
    }

    @Test
    @DisplayName("random histories: every change lists exactly the facts whose own step moved it, as the model says")
    void causes_agree_with_the_model() throws Exception {
        long seed = Long.getLong("ledger.restatement.seed", System.nanoTime());
        System.out.println("RestatementCausesTest seed=" + seed);
        Random random = new Random(seed);
        LedgerScript ledger = new LedgerScript(writer);
        RandomHistory history = new RandomHistory(random, ledger, "rc");
        history.record(4, 60);
        ledger.awaitProjection();
        LedgerModel model = ledger.model();
        TreeMap<Long, Instant> facts = recordedFacts();
        List<Long> positions = new ArrayList<>(facts.keySet());
        int checkedChanges = 0;
        for (int i = 0; i < QUESTIONS; i++) {
            String cp = history.counterparties()
                    .get(random.nextInt(history.counterparties().size()));
            int a = random.nextInt(positions.size());
            int b = a + 1 + random.nextInt(Math.max(1, positions.size() - a - 1));
            Instant from = facts.get(positions.get(a));
            Instant to = b < positions.size() ? facts.get(positions.get(b)) : ledger.lastRecordedAt();
            if (!from.isBefore(to)) {
                continue;
            }
            LocalDate asOf = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365 * 6));
            String question = "seed " + seed + ": " + cp + " asOf " + asOf + " from " + from + " to " + to;

            Map<String, List<Long>> expected = expectedCauses(model, cp, asOf, from, to, facts);
            RestatementView view = Reads.restatement(cp, asOf, from, to);
            Map<String, List<Long>> actual = new TreeMap<>();
            for (RestatementView.Change c : view.changes()) {
                actual.put(c.currency() + "/" + c.direction() + "/" + c.field(), c.causes());
                BigDecimal bridged = c.bridge().stream()
                        .map(l -> new BigDecimal(l.effect()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(bridged)
                        .as("%s: the bridge of %s adds up to its change", question, c.field())
                        .isEqualByComparingTo(new BigDecimal(c.after()).subtract(new BigDecimal(c.before())));
                checkedChanges++;
            }
            assertThat(actual).as(question).isEqualTo(expected);
            List<Long> named = new ArrayList<>();
            expected.values().forEach(named::addAll);
            assertThat(view.causes())
                    .as(question)
                    .extracting(RestatementView.Cause::position)
                    .containsExactlyElementsOf(
                            named.stream().distinct().sorted().toList());
        }
        assertThat(checkedChanges)
                .as("seed %d: the questions met some changes", seed)
                .isPositive();
    }

    /** Walks every fact recorded in (from, to] with the model: before and after it, which fields moved. */
    private static Map<String, List<Long>> expectedCauses(
            LedgerModel model, String cp, LocalDate asOf, Instant from, Instant to, TreeMap<Long, Instant> facts) {
        Map<String, List<Long>> causes = new TreeMap<>();
        Map<String, String> previous = fields(model.totalsOf(cp, asOf, from));
        for (Map.Entry<Long, Instant> fact : facts.entrySet()) {
            Instant at = fact.getValue();
            if (!at.isAfter(from) || at.isAfter(to)) {
                continue;
            }
            Map<String, String> now = fields(model.totalsOf(cp, asOf, at));
            for (String field : union(previous, now)) {
                if (!value(previous, field).equals(value(now, field))) {
                    causes.computeIfAbsent(field, f -> new ArrayList<>()).add(fact.getKey());
                }
            }
            previous = now;
        }
        Map<String, String> start = fields(model.totalsOf(cp, asOf, from));
        Map<String, String> end = previous;
        // Only totals that differ between the two sides are listed, with all of their causes.
        causes.keySet().removeIf(field -> value(start, field).equals(value(end, field)));
        return causes;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return List.copyOf(all);
    }

    /** A row the counterparty lacks on one side reads as zeros, as in the API. */
    private static String value(Map<String, String> fields, String field) {
        String v = fields.get(field);
        if (v != null) {
            return v;
        }
        String name = field.substring(field.lastIndexOf('/') + 1);
        if (name.equals("concentration")) {
            return "0.000000";
        }
        return List.of("deals", "commitments", "optionsOpen", "optionsExercised", "amendments")
                        .contains(name)
                ? "0"
                : new BigDecimal(0)
                        .setScale(LedgerModel.minorDigits(field.substring(0, 3)))
                        .toPlainString();
    }

    private static Map<String, String> fields(List<TotalsRowView> rows) {
        Map<String, String> f = new LinkedHashMap<>();
        for (TotalsRowView r : rows) {
            String p = r.currency() + "/" + r.direction() + "/";
            f.put(p + "committed", r.committed());
            f.put(p + "elapsed", r.elapsed());
            f.put(p + "remaining", r.remaining());
            f.put(p + "potential", r.potential());
            f.put(p + "exposure", r.exposure());
            f.put(p + "concentration", r.concentration());
            f.put(p + "deals", Long.toString(r.deals()));
            f.put(p + "commitments", Long.toString(r.commitments()));
            f.put(p + "optionsOpen", Long.toString(r.optionsOpen()));
            f.put(p + "optionsExercised", Long.toString(r.optionsExercised()));
            f.put(p + "amendments", Long.toString(r.amendments()));
        }
        return f;
    }

    /** Every recorded event's position and instant: the facts an oracle walk steps through. */
    private TreeMap<Long, Instant> recordedFacts() throws Exception {
        TreeMap<Long, Instant> facts = new TreeMap<>();
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT position, recorded_at FROM read_model.rm_history ORDER BY position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                facts.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return facts;
    }
}

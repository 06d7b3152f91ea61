package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.RandomHistory;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.testkit.oracle.LedgerModel;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/domain.md, "Reporting currency", against the independent {@link LedgerModel}: random valid histories in USD and
 * EUR, random rates both ways round with corrections, and at random (asOf, knownAt) every row's converted remaining
 * is the model's, or the read is a 422 {@code fx-rate-missing} exactly where the model finds no rate. At the same
 * points, a disclosure in the reporting currency under a random fiscal year end totals the model's converted
 * remaining and both its shapes add up to that total, and a restatement in the reporting currency from a random
 * earlier instant moves each row's converted remaining exactly as the model does, its bridge adding up, with rate
 * facts recorded in between as its only {@code fx-rate} causes. A fresh seed per
 * run (printed; replay with {@code -Dledger.fx.seed=<seed>}). The class runs on its own database, so that the model
 * knows every fact of every market.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(value = LedgerQueryDatabase.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ConvertingRandomHistoriesTest {

    static final int QUESTIONS = 60;

    @Inject
    EventStoreWriter writer;

    @Test
    @DisplayName("random histories and rates: converted remaining is the model's, a missing rate is a 422")
    void converted_remaining_agrees_with_the_model() {
        long seed = Long.getLong("ledger.fx.seed", System.nanoTime());
        System.out.println("ConvertingRandomHistoriesTest seed=" + seed);
        Random random = new Random(seed);
        LedgerScript ledger = new LedgerScript(writer);
        List<Instant> instants = new ArrayList<>();
        // Reads known before any rate find none; later ones find rates dated before or after asOf, one way round or
        // the other, and corrections.
        new RandomHistory(random, ledger, "fx").record(4, 40);
        instants.add(ledger.lastRecordedAt());
        recordRates(random, ledger, 5, instants);
        // More counterparties in the same markets between rates: restatements then span both kinds of fact.
        new RandomHistory(random, ledger, "fx2").record(3, 30);
        instants.add(ledger.lastRecordedAt());
        recordRates(random, ledger, 5, instants);
        ledger.awaitProjection();
        LedgerModel model = ledger.model();

        int converted = 0;
        int missing = 0;
        int restated = 0;
        for (int i = 0; i < QUESTIONS; i++) {
            LocalDate asOf = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365 * 6));
            Instant knownAt = instants.get(random.nextInt(instants.size()));
            String reporting = random.nextBoolean() ? "USD" : "EUR";
            String question = "seed " + seed + ": " + reporting + " asOf " + asOf + " knownAt " + knownAt;
            Map<LedgerModel.RowKey, Optional<String>> expected = model.reportingRemaining(reporting, asOf, knownAt);

            Response response = given().accept("application/json")
                    .queryParam("asOf", asOf.toString())
                    .queryParam("knownAt", knownAt.toString())
                    .queryParam("reportingCurrency", reporting)
                    .queryParam("limit", 1000)
                    .get("/api/v1/exposure");

            if (expected.values().stream().anyMatch(Optional::isEmpty)) {
                JsonNode problem = Problems.assertProblem(response, 422);
                assertThat(problem.path("type").asText()).as(question).endsWith("/fx-rate-missing");
                assertThat(problem.path("detail").asText()).as(question).contains("/" + reporting);
                missing++;
                continue;
            }
            assertThat(response.statusCode())
                    .as(question + ": " + response.asString())
                    .isEqualTo(200);
            ExposureView view = Reads.read(response.asString(), ExposureView.class);
            disclosureAddsUp(model, random, reporting, asOf, knownAt, question);
            restated += restatementMovesAsTheModel(model, random, reporting, asOf, instants, knownAt, question);
            Map<LedgerModel.RowKey, String> actual = new TreeMap<>(KEY_ORDER);
            for (ExposureRowView r : view.rows()) {
                assertThat(r.reporting().currency()).as(question).isEqualTo(reporting);
                actual.put(
                        new LedgerModel.RowKey(r.counterpartyId(), r.currency(), r.direction()),
                        r.reporting().remaining());
            }
            Map<LedgerModel.RowKey, String> want = new TreeMap<>(KEY_ORDER);
            expected.forEach((k, v) -> want.put(k, v.orElseThrow()));
            assertThat(actual).as(question).isEqualTo(want);
            converted++;
        }
        System.out.println("ConvertingRandomHistoriesTest converted=" + converted + " missing=" + missing
                + " converted remaining restated=" + restated);
        assertThat(converted).as("questions answered with converted figures").isPositive();
    }

    private static final List<String> FISCAL_YEAR_ENDS = List.of("12-31", "06-30", "03-31", "09-30");

    /** A disclosure in the reporting currency totals the model's converted remaining; years and bands add up to it. */
    private static void disclosureAddsUp(
            LedgerModel model, Random random, String reporting, LocalDate asOf, Instant knownAt, String question) {
        Direction direction = random.nextBoolean() ? Direction.PAYABLE : Direction.RECEIVABLE;
        String fiscalYearEnd = FISCAL_YEAR_ENDS.get(random.nextInt(FISCAL_YEAR_ENDS.size()));
        String asked = question + " disclosure " + direction + " fiscal year end " + fiscalYearEnd;
        Optional<String> expected = model.reportingDisclosureTotal(reporting, direction, asOf, knownAt);
        Response response = given().accept("application/json")
                .queryParam("direction", direction.name())
                .queryParam("asOf", asOf.toString())
                .queryParam("knownAt", knownAt.toString())
                .queryParam("reportingCurrency", reporting)
                .queryParam("fiscalYearEnd", fiscalYearEnd)
                .get("/api/v1/disclosures/obligations");
        if (expected.isEmpty()) {
            assertThat(Problems.assertProblem(response, 422).path("type").asText())
                    .as(asked)
                    .endsWith("/fx-rate-missing");
            return;
        }
        assertThat(response.statusCode()).as(asked + ": " + response.asString()).isEqualTo(200);
        DisclosureView view = Reads.read(response.asString(), DisclosureView.class);
        if (view.rows().isEmpty()) {
            assertThat(new BigDecimal(expected.get())).as(asked).isZero();
            return;
        }
        DisclosureView.Row row = view.rows().get(0);
        assertThat(view.rows()).as(asked).hasSize(1);
        assertThat(row.currency()).as(asked).isEqualTo(reporting);
        assertThat(row.total()).as(asked).isEqualTo(expected.get());
        BigDecimal years = new BigDecimal(row.thereafter());
        for (DisclosureView.FiscalYearAmount y : row.fiscalYears()) {
            years = years.add(new BigDecimal(y.amount()));
        }
        DisclosureView.Bands b = row.bands();
        BigDecimal bands = new BigDecimal(b.withinOneYear())
                .add(new BigDecimal(b.oneToThreeYears()))
                .add(new BigDecimal(b.threeToFiveYears()))
                .add(new BigDecimal(b.afterFiveYears()));
        assertThat(years).as(asked + " by fiscal year").isEqualByComparingTo(row.total());
        assertThat(bands).as(asked + " by band").isEqualByComparingTo(row.total());
    }

    /**
     * A restatement in the reporting currency from a random earlier instant: each row's {@code reporting.remaining}
     * changes exactly where the model's converted remaining differs, from and to the model's values, and its bridge adds
     * up; every {@code fx-rate} cause is a rate fact recorded in between. A 422 exactly where the model has no rate at
     * the earlier end.
     */
    private static int restatementMovesAsTheModel(
            LedgerModel model,
            Random random,
            String reporting,
            LocalDate asOf,
            List<Instant> instants,
            Instant to,
            String question) {
        List<Instant> earlier = instants.stream().filter(i -> i.isBefore(to)).toList();
        if (earlier.isEmpty()) {
            return 0;
        }
        Instant from = earlier.get(random.nextInt(earlier.size()));
        List<LedgerModel.RowKey> keys =
                List.copyOf(model.reportingRemaining(reporting, asOf, to).keySet());
        if (keys.isEmpty()) {
            return 0;
        }
        String counterpartyId = keys.get(random.nextInt(keys.size())).counterpartyId();
        String asked = question + " restatement of " + counterpartyId + " from " + from;
        Map<LedgerModel.RowKey, Optional<String>> before = model.reportingRemaining(reporting, asOf, from);
        Map<LedgerModel.RowKey, Optional<String>> after = model.reportingRemaining(reporting, asOf, to);
        Response response = given().accept("application/json")
                .queryParam("counterpartyId", counterpartyId)
                .queryParam("asOf", asOf.toString())
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .queryParam("reportingCurrency", reporting)
                .get("/api/v1/restatements");
        // As the counterparty's own totals at `from` would: with no row there it has nothing to convert, so a rate
        // missing elsewhere in the ledger does not fail it; with a row, every market is converted (concentration).
        boolean hadRows =
                before.keySet().stream().anyMatch(k -> k.counterpartyId().equals(counterpartyId));
        if (hadRows && before.values().stream().anyMatch(Optional::isEmpty)) {
            assertThat(Problems.assertProblem(response, 422).path("type").asText())
                    .as(asked)
                    .endsWith("/fx-rate-missing");
            return 0;
        }
        assertThat(response.statusCode()).as(asked + ": " + response.asString()).isEqualTo(200);
        RestatementView view = Reads.read(response.asString(), RestatementView.class);
        Map<LedgerModel.RowKey, String[]> expected = new TreeMap<>(KEY_ORDER);
        after.forEach((key, value) -> {
            if (key.counterpartyId().equals(counterpartyId)) {
                String was =
                        before.getOrDefault(key, Optional.of(zero(reporting))).orElseThrow();
                if (!new BigDecimal(was).equals(new BigDecimal(value.orElseThrow()))) {
                    expected.put(key, new String[] {was, value.orElseThrow()});
                }
            }
        });
        Map<LedgerModel.RowKey, String[]> actual = new TreeMap<>(KEY_ORDER);
        for (RestatementView.Change c : view.changes()) {
            BigDecimal bridged = c.bridge().stream()
                    .map(line -> new BigDecimal(line.effect()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(bridged)
                    .as(asked + " bridge of " + c.field())
                    .isEqualByComparingTo(new BigDecimal(c.after()).subtract(new BigDecimal(c.before())));
            if (c.field().equals("reporting.remaining")) {
                actual.put(
                        new LedgerModel.RowKey(counterpartyId, c.currency(), c.direction()),
                        new String[] {c.before(), c.after()});
            }
        }
        assertThat(actual.keySet()).as(asked).isEqualTo(expected.keySet());
        expected.forEach((key, values) ->
                assertThat(actual.get(key)).as(asked + " " + key).containsExactly(values));
        for (RestatementView.Cause cause : view.causes()) {
            if (cause.kind().equals("fx-rate")) {
                assertThat(cause.eventType()).as(asked).isEqualTo("ExchangeRateRecordedEvent");
                assertThat(cause.recordedAt()).as(asked).isAfter(from).isBeforeOrEqualTo(to);
            } else {
                assertThat(cause.eventType()).as(asked).isNotEqualTo("ExchangeRateRecordedEvent");
            }
        }
        return actual.size();
    }

    private static String zero(String currency) {
        return BigDecimal.ZERO.setScale(LedgerModel.minorDigits(currency)).toPlainString();
    }

    private static final Comparator<LedgerModel.RowKey> KEY_ORDER = Comparator.comparing(
                    LedgerModel.RowKey::counterpartyId)
            .thenComparing(LedgerModel.RowKey::currency)
            .thenComparing(LedgerModel.RowKey::direction);

    /** {@code count} rates EUR/USD or USD/EUR, dated 2023-07..2029, now and then a correction of the one before. */
    private static void recordRates(Random random, LedgerScript ledger, int count, List<Instant> instants) {
        LocalDate lastDate = null;
        String[] lastPair = null;
        for (int i = 0; i < count; i++) {
            boolean correction = lastDate != null && random.nextInt(4) == 0;
            String[] pair = correction
                    ? lastPair
                    : random.nextInt(3) == 0 ? new String[] {"USD", "EUR"} : new String[] {"EUR", "USD"};
            LocalDate date = correction ? lastDate : LocalDate.of(2023, 7, 1).plusDays(random.nextInt(365 * 6));
            // Rates with up to 6 decimals between 0.5 and 2: conversions land on half-cents now and then.
            BigDecimal rate = BigDecimal.valueOf(500_000 + random.nextInt(1_500_001), 6);
            ledger.fxRate(pair[0], pair[1], date, rate.toPlainString(), "random");
            instants.add(ledger.lastRecordedAt());
            lastDate = date;
            lastPair = pair;
        }
    }
}

package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerModel;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.RandomHistory;
import dev.dealledger.query.testing.Reads;
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
 * is the model's, or the read is a 422 {@code fx-rate-missing} exactly where the model finds no rate. A fresh seed per
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
        recordRates(random, ledger, 9, instants);
        ledger.awaitProjection();
        LedgerModel model = ledger.model();

        int converted = 0;
        int missing = 0;
        for (int i = 0; i < QUESTIONS; i++) {
            LocalDate asOf = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365 * 6));
            Instant knownAt = instants.get(random.nextInt(instants.size()));
            String reporting = random.nextBoolean() ? "USD" : "EUR";
            String question = "seed " + seed + ": " + reporting + " asOf " + asOf + " knownAt " + knownAt;
            Map<LedgerModel.Key, Optional<String>> expected = model.reportingRemaining(reporting, asOf, knownAt);

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
            Map<LedgerModel.Key, String> actual = new TreeMap<>(KEY_ORDER);
            for (ExposureRowView r : view.rows()) {
                assertThat(r.reporting().currency()).as(question).isEqualTo(reporting);
                actual.put(
                        new LedgerModel.Key(r.counterpartyId(), r.currency(), r.direction()),
                        r.reporting().remaining());
            }
            Map<LedgerModel.Key, String> want = new TreeMap<>(KEY_ORDER);
            expected.forEach((k, v) -> want.put(k, v.orElseThrow()));
            assertThat(actual).as(question).isEqualTo(want);
            converted++;
        }
        System.out.println("ConvertingRandomHistoriesTest converted=" + converted + " missing=" + missing);
        assertThat(converted).as("questions answered with converted figures").isPositive();
    }

    private static final Comparator<LedgerModel.Key> KEY_ORDER = Comparator.comparing(LedgerModel.Key::counterpartyId)
            .thenComparing(LedgerModel.Key::currency)
            .thenComparing(LedgerModel.Key::direction);

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

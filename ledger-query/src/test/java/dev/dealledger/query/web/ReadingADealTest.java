package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DealView;
import dev.dealledger.query.testing.Api;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.query.testing.Rows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/v1/deals/{dealId}: the deal as of (asOf, knownAt), with its commitments and options and their numbers. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingADealTest {

    static final String DEAL = "view-deal";

    @Inject
    EventStoreWriter writer;

    Instant beforeDeal;
    Instant afterFirstCommitment;
    Instant afterAll;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterparty("view-cp", "View Counterparty (fictional)", date("2025-01-01"));
        ledger.agreement("view-msa", "view-cp", date("2025-01-01"));
        beforeDeal = ledger.lastRecordedAt();
        ledger.deal(DEAL, "view-msa", Direction.RECEIVABLE, "EUR", date("2025-01-10"), "filing-42");
        ledger.commitment(DEAL, "first", "1200.00", date("2025-02-01"), date("2026-01-31"), "GPU", date("2025-01-10"));
        afterFirstCommitment = ledger.lastRecordedAt();
        ledger.commitment(DEAL, "later", "600.00", date("2025-07-01"), date("2025-12-31"), "More", date("2025-06-15"));
        ledger.option(DEAL, "opt", "900.00", date("2025-03-01"), date("2025-09-30"), date("2025-01-10"));
        ledger.amend(DEAL, "first", "first-1", "120.00", null, date("2025-04-30"), "price change");
        afterAll = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("the deal's own fields, and asOf and knownAt, are echoed")
    void deal_fields() {
        DealView view = Reads.deal(DEAL, date("2025-08-31"), afterAll);
        assertThat(view.dealId()).isEqualTo(DEAL);
        assertThat(view.agreementId()).isEqualTo("view-msa");
        assertThat(view.counterpartyId()).isEqualTo("view-cp");
        assertThat(view.direction()).isEqualTo(Direction.RECEIVABLE);
        assertThat(view.currency()).isEqualTo("EUR");
        assertThat(view.title()).isEqualTo("Order form " + DEAL);
        assertThat(view.signedOn()).isEqualTo(date("2025-01-10"));
        assertThat(view.sourceReference()).isEqualTo("filing-42");
        assertThat(view.sourceDocumentSha256())
                .as("recorded without a document hash")
                .isNull();
        assertThat(view.asOf()).isEqualTo(date("2025-08-31"));
        assertThat(view.knownAt()).isEqualTo(afterAll);
    }

    @Test
    @DisplayName("commitments carry their derived numbers at asOf; options their status and potential")
    void commitments_and_options() {
        DealView view = Reads.deal(DEAL, date("2025-08-31"), afterAll);
        // first: 1,200.00 over 2025-02..2026-01 (100.00 a month); +120.00 from 04-30: Feb..Apr (300.00) stay,
        // 1,020.00 over May..Jan (9 months) = 113.33 x 8 + 113.36. By 08-31: 300.00 + 4 x 113.33 = 753.32.
        DealView.Commitment first = Rows.commitment(view, "first");
        assertThat(first.committed()).isEqualTo("1320.00");
        assertThat(first.elapsed()).isEqualTo("753.32");
        assertThat(first.remaining()).isEqualTo("566.68");
        assertThat(first.amendments()).isEqualTo(1);
        assertThat(first.resource()).isEqualTo("GPU");
        assertThat(first.termStart()).isEqualTo(date("2025-02-01"));
        assertThat(first.termEnd()).isEqualTo(date("2026-01-31"));
        assertThat(first.effectiveDate()).isEqualTo(date("2025-01-10"));
        assertThat(first.terminatedOn()).isNull();
        assertThat(first.fromOptionId()).isNull();
        // later: 600.00 over Jul..Dec: two months by 08-31.
        DealView.Commitment later = Rows.commitment(view, "later");
        assertThat(later.elapsed()).isEqualTo("200.00");
        DealView.Option option = Rows.option(view, "opt");
        assertThat(option.status()).isEqualTo(DealView.OptionStatus.OPEN);
        assertThat(option.potential()).isEqualTo("900.00");
        assertThat(option.maxAmount()).isEqualTo("900.00");
        assertThat(option.exercisableFrom()).isEqualTo(date("2025-03-01"));
        assertThat(option.expiresOn()).isEqualTo(date("2025-09-30"));
        assertThat(option.effectiveDate()).isEqualTo(date("2025-01-10"));
    }

    @Test
    @DisplayName("asOf leaves out what is not yet effective; knownAt what was not yet recorded")
    void both_axes() {
        DealView june = Reads.deal(DEAL, date("2025-06-14"), afterAll);
        assertThat(june.commitments())
                .extracting(DealView.Commitment::commitmentId)
                .containsExactly("first");
        DealView known = Reads.deal(DEAL, date("2025-08-31"), afterFirstCommitment);
        assertThat(known.commitments())
                .extracting(DealView.Commitment::commitmentId)
                .containsExactly("first");
        assertThat(known.options()).isEmpty();
        assertThat(Rows.commitment(known, "first").committed()).isEqualTo("1200.00");
    }

    @Test
    @DisplayName("a deal not yet recorded at knownAt is a 404, as is an unknown deal")
    void not_found() {
        Problems.assertProblem(
                Api.given().queryParam("knownAt", beforeDeal.toString()).get("/api/v1/deals/" + DEAL), 404);
        Problems.assertProblem(Api.given().get("/api/v1/deals/view-deal-unknown"), 404);
    }

    @Test
    @DisplayName("money in the deal view is a JSON string")
    void money_is_a_string() {
        JsonNode root = Reads.tree(Reads.getJson("/api/v1/deals/" + DEAL, Reads.at(date("2025-08-31"), null)));
        JsonNode c = root.path("commitments").get(0);
        assertThat(c.path("committed").isTextual()).isTrue();
        assertThat(c.path("elapsed").isTextual()).isTrue();
        assertThat(c.path("remaining").isTextual()).isTrue();
        JsonNode o = root.path("options").get(0);
        assertThat(o.path("potential").isTextual()).isTrue();
        assertThat(o.path("maxAmount").isTextual()).isTrue();
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}

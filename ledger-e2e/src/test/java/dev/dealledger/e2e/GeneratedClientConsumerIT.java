package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.dealledger.client.LedgerClients;
import dev.dealledger.client.LedgerProblems;
import dev.dealledger.client.command.api.AgreementsApi;
import dev.dealledger.client.command.api.CounterpartiesApi;
import dev.dealledger.client.command.api.DealsApi;
import dev.dealledger.client.command.model.AgreementRequest;
import dev.dealledger.client.command.model.AmendmentRequest;
import dev.dealledger.client.command.model.CommitmentRequest;
import dev.dealledger.client.command.model.CounterpartyRequest;
import dev.dealledger.client.command.model.DealRequest;
import dev.dealledger.client.command.model.Direction;
import dev.dealledger.client.command.model.ExerciseRequest;
import dev.dealledger.client.command.model.OptionRequest;
import dev.dealledger.client.command.model.WriteReceipt;
import dev.dealledger.client.query.api.ExposureApi;
import dev.dealledger.client.query.api.OperationsApi;
import dev.dealledger.client.query.api.RestatementsApi;
import dev.dealledger.client.query.api.VerificationApi;
import dev.dealledger.client.query.model.CommitmentView;
import dev.dealledger.client.query.model.CounterpartyTotalsView;
import dev.dealledger.client.query.model.DealHistoryView;
import dev.dealledger.client.query.model.DealView;
import dev.dealledger.client.query.model.ExposureView;
import dev.dealledger.client.query.model.HistoryFact;
import dev.dealledger.client.query.model.OptionStatus;
import dev.dealledger.client.query.model.OptionView;
import dev.dealledger.client.query.model.Problem;
import dev.dealledger.client.query.model.RestatementCause;
import dev.dealledger.client.query.model.RestatementChange;
import dev.dealledger.client.query.model.RestatementView;
import dev.dealledger.client.query.model.TotalsRow;
import dev.dealledger.testkit.process.ServiceProcess;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A consumer of the ledger as another service would be one: it talks to both packaged services (separate processes,
 * one PostgreSQL database) through the generated Java client alone, built by {@link Clients}. It records the example
 * history of docs/domain.md, reads totals as of and known at past instants, retries a write, writes with a stale
 * {@code If-Match}, sends invalid values, and reads its own writes through {@code X-Ledger-Min-Position}.
 *
 * <p>The tests run in order on one ledger: each later one builds on the facts the earlier ones recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedClientConsumerIT {

    private static final String DATABASE = "ledger_test_e2e_generated_client";
    private static final String SCENARIO_NOT_RUN = "the example history was not recorded (see the first test)";

    private ServiceProcess command;
    private ServiceProcess query;

    private CounterpartiesApi counterparties;
    private AgreementsApi agreements;
    private DealsApi deals;
    private dev.dealledger.client.query.api.CounterpartiesApi totals;
    private dev.dealledger.client.query.api.DealsApi dealReads;
    private ExposureApi exposure;
    private RestatementsApi restatements;
    private VerificationApi verification;
    private OperationsApi operations;

    /** What the example history's writes answered; its recordedAt instants are the "known at" of the later reads. */
    private WriteReceipt fact2;

    private WriteReceipt fact3;
    private WriteReceipt fact4;

    @BeforeAll
    void startServicesAndBuildClients() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
        command = PackagedServices.command(jdbcUrl).start();
        query = PackagedServices.query(jdbcUrl).start();

        dev.dealledger.client.command.ApiClient writer = Clients.command(command.baseUrl());
        counterparties = new CounterpartiesApi(writer);
        agreements = new AgreementsApi(writer);
        deals = new DealsApi(writer);
        dev.dealledger.client.query.ApiClient reader = Clients.query(query.baseUrl());
        totals = new dev.dealledger.client.query.api.CounterpartiesApi(reader);
        dealReads = new dev.dealledger.client.query.api.DealsApi(reader);
        exposure = new ExposureApi(reader);
        restatements = new RestatementsApi(reader);
        verification = new VerificationApi(reader);
        operations = new OperationsApi(Clients.queryAdmin(query.baseUrl()));
    }

    @AfterAll
    void stopServices() throws Exception {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    @Test
    @Order(1)
    void records_the_example_history_of_the_domain_brief() throws Exception {
        // Fact 1, 2023-12-01: agreement msa-2023 with CoreWeave, seen from Meta's side.
        WriteReceipt coreweave = counterparties.registerCounterparty(
                "coreweave",
                new CounterpartyRequest()
                        .legalName("CoreWeave, Inc.")
                        .sourceReference("msa-2023 signature page (illustrative)"),
                key());
        assertThat(coreweave.getCounterpartyId()).isEqualTo("coreweave");
        WriteReceipt msa = agreements.signAgreement(
                new AgreementRequest()
                        .agreementId("msa-2023")
                        .counterpartyId("coreweave")
                        .title("Master Services Agreement (illustrative title)")
                        .signedOn(date("2023-12-01")),
                key());
        assertThat(msa.getAgreementId()).isEqualTo("msa-2023");

        // Fact 2, 2025-09-30: order form of-2025-09, the 14.2 billion commitment and the expansion option.
        WriteReceipt deal2025 = deals.recordDeal(deal("of-2025-09", "2025-09-30"), key());
        assertThat(deal2025.getVersion()).isZero();
        WriteReceipt blackwell = deals.recordCommitment(
                "of-2025-09",
                commitment(
                        "cmt-blackwell-2025",
                        "14200000000.00",
                        "2025-10-01",
                        "2031-12-31",
                        "Nvidia Blackwell GPU capacity",
                        "2025-09-30"),
                key(),
                LedgerClients.ifMatch(deal2025.getVersion()));
        assertThat(blackwell.getVersion()).isEqualTo(1L);
        fact2 = deals.grantOption(
                "of-2025-09",
                new OptionRequest()
                        .optionId("opt-expansion")
                        .maxAmount("6000000000.00")
                        .exercisableFrom(date("2025-09-30"))
                        .expiresOn(date("2026-12-31"))
                        .effectiveDate(date("2025-09-30")),
                key(),
                LedgerClients.ifMatch(blackwell.getVersion()));
        assertThat(fact2.getVersion()).isEqualTo(2L);

        // Fact 3, 2026-04-01: order form of-2026-04 with a fresh 15 billion, and the exercise of opt-expansion.
        deals.recordDeal(deal("of-2026-04", "2026-04-01"), key());
        deals.recordCommitment(
                "of-2026-04",
                commitment(
                        "cmt-vera-rubin-2026",
                        "15000000000.00",
                        "2026-07-01",
                        "2032-12-31",
                        "Nvidia Vera Rubin GPU capacity",
                        "2026-04-01"),
                key(),
                null);
        fact3 = deals.exerciseOption(
                "of-2025-09",
                "opt-expansion",
                new ExerciseRequest()
                        .commitmentId("cmt-expansion-2026")
                        .amount("6000000000.00")
                        .termStart(date("2026-07-01"))
                        .termEnd(date("2032-12-31"))
                        .resource("Nvidia Vera Rubin GPU capacity, additional resources (illustrative)")
                        .effectiveDate(date("2026-04-01"))
                        .sourceReference("Order form of-2026-04 (illustrative)"),
                key(),
                LedgerClients.ifMatch(fact2.getVersion()));
        assertThat(fact3.getCommitmentId()).isEqualTo("cmt-expansion-2026");

        // Fact 4: the backdated correction, effective 2026-01-01, recorded after fact 3.
        fact4 = deals.amendCommitment(
                "of-2025-09",
                "cmt-blackwell-2025",
                new AmendmentRequest()
                        .amendmentId("amd-2026-01-correction")
                        .amountDelta("250000000.00")
                        .effectiveDate(date("2026-01-01"))
                        .reason("Illustrative correction, capacity add-on omitted from the original booking"),
                key(),
                LedgerClients.ifMatch(fact3.getVersion()));
        assertThat(fact4.getVersion()).isEqualTo(4L);
        assertThat(fact4.getPosition()).isGreaterThan(fact3.getPosition());
        assertThat(fact4.getRecordedAt()).isAfter(fact3.getRecordedAt());

        // After fact 4, the total committed with CoreWeave is 35,450,000,000.00 USD (docs/domain.md).
        CounterpartyTotalsView now =
                totals.getCounterpartyTotals("coreweave", date("2026-12-31"), null, null, position(fact4));
        assertThat(now.getLegalName()).isEqualTo("CoreWeave, Inc.");
        assertThat(usdPayable(now))
                .extracting(
                        TotalsRow::getCommitted,
                        TotalsRow::getElapsed,
                        TotalsRow::getRemaining,
                        TotalsRow::getPotential,
                        TotalsRow::getExposure,
                        TotalsRow::getDeals,
                        TotalsRow::getCommitments,
                        TotalsRow::getOptionsOpen,
                        TotalsRow::getOptionsExercised,
                        TotalsRow::getAmendments)
                .containsExactly(
                        "35450000000.00",
                        "4497051281.91",
                        "30952948718.09",
                        "0.00",
                        "30952948718.09",
                        2L,
                        3L,
                        0L,
                        1L,
                        1L);

        DealView deal = dealReads.getDeal("of-2025-09", date("2026-12-31"), null, position(fact4));
        assertThat(deal.getCommitments())
                .extracting(
                        CommitmentView::getCommitmentId, CommitmentView::getCommitted, CommitmentView::getFromOptionId)
                .containsExactlyInAnyOrder(
                        tuple("cmt-blackwell-2025", "14450000000.00", null),
                        tuple("cmt-expansion-2026", "6000000000.00", "opt-expansion"));
        assertThat(deal.getOptions())
                .extracting(OptionView::getOptionId, OptionView::getStatus, OptionView::getExercisedAs)
                .containsExactly(tuple("opt-expansion", OptionStatus.EXERCISED, "cmt-expansion-2026"));

        DealHistoryView history = dealReads.getDealHistory("of-2025-09", null, null, null, null, position(fact4));
        assertThat(history.getFacts())
                .extracting(HistoryFact::getEventType)
                .containsExactly(
                        "DealRecordedEvent",
                        "CommitmentRecordedEvent",
                        "OptionGrantedEvent",
                        "OptionExercisedEvent",
                        "CommitmentAmendedEvent");
        HistoryFact correction = history.getFacts().get(4);
        assertThat(correction.getReason()).startsWith("Illustrative correction");
        assertThat(correction.getRecordedAt()).isEqualTo(fact4.getRecordedAt());
        assertThat(correction.getPayload()).containsEntry("amountDelta", "250000000.00");
    }

    @Test
    @Order(2)
    void reads_totals_as_of_and_known_at_past_instants() throws Exception {
        assertThat(fact4).as(SCENARIO_NOT_RUN).isNotNull();

        // The auditor's question: as of 2025-12-31, as known right after fact 2 (before facts 3 and 4).
        CounterpartyTotalsView known2 =
                totals.getCounterpartyTotals("coreweave", date("2025-12-31"), fact2.getRecordedAt(), null, null);
        assertThat(known2.getAsOf()).isEqualTo(date("2025-12-31"));
        assertThat(known2.getKnownAt()).isEqualTo(fact2.getRecordedAt());
        assertThat(usdPayable(known2))
                .extracting(
                        TotalsRow::getCommitted,
                        TotalsRow::getElapsed,
                        TotalsRow::getRemaining,
                        TotalsRow::getPotential,
                        TotalsRow::getExposure,
                        TotalsRow::getDeals,
                        TotalsRow::getOptionsOpen)
                .containsExactly(
                        "14200000000.00", "567999999.99", "13632000000.01", "6000000000.00", "19632000000.01", 1L, 1L);

        // As of 2026-12-31, known before the backdated correction (fact 4) was recorded: 35.2 billion, no amendment.
        CounterpartyTotalsView known3 =
                totals.getCounterpartyTotals("coreweave", date("2026-12-31"), fact3.getRecordedAt(), null, null);
        assertThat(usdPayable(known3))
                .extracting(TotalsRow::getCommitted, TotalsRow::getElapsed, TotalsRow::getAmendments)
                .containsExactly("35200000000.00", "4455384615.27", 0L);

        // The same date known at fact 4's recordedAt: the correction counts, and the answer will not change later.
        CounterpartyTotalsView known4 =
                totals.getCounterpartyTotals("coreweave", date("2026-12-31"), fact4.getRecordedAt(), null, null);
        assertThat(usdPayable(known4))
                .extracting(TotalsRow::getCommitted, TotalsRow::getElapsed, TotalsRow::getAmendments)
                .containsExactly("35450000000.00", "4497051281.91", 1L);

        // What changed between the two knowledge instants, as of 2026-06-30, and which fact caused it. Through the
        // request object: a parameter added within v1 leaves this call as it is (docs/api-versioning.md).
        RestatementView restatement =
                restatements.getRestatements(RestatementsApi.APIGetRestatementsRequest.newBuilder()
                        .counterpartyId("coreweave")
                        .from(fact3.getRecordedAt())
                        .to(fact4.getRecordedAt())
                        .asOf(date("2026-06-30"))
                        .build());
        assertThat(restatement.getChanges())
                .extracting(RestatementChange::getField, RestatementChange::getBefore, RestatementChange::getAfter)
                .contains(
                        tuple("committed", "35200000000.00", "35450000000.00"),
                        tuple("elapsed", "1703999999.97", "1724833333.29"),
                        tuple("amendments", "0", "1"));
        assertThat(restatement.getCauses())
                .extracting(
                        RestatementCause::getEventType, RestatementCause::getPosition, c -> String.valueOf(c.getKind()))
                .containsExactly(tuple("CommitmentAmendedEvent", fact4.getPosition(), "backdated-amendment"));
        assertThat(restatement.getChanges())
                .allSatisfy(c -> assertThat(c.getCauses()).containsExactly(fact4.getPosition()));
    }

    @Test
    @Order(3)
    void an_idempotent_retry_records_nothing_twice() throws Exception {
        counterparties.registerCounterparty(
                "example-neocloud", new CounterpartyRequest().legalName("Example Neocloud Ltd. (fictional)"), key());
        agreements.signAgreement(
                new AgreementRequest()
                        .agreementId("msa-neocloud")
                        .counterpartyId("example-neocloud")
                        .title("MSA (fictional)")
                        .signedOn(date("2026-01-15")),
                key());
        WriteReceipt deal = deals.recordDeal(deal("of-neocloud-1", "2026-02-01"), key());
        CommitmentRequest body = commitment(
                "cmt-neocloud-h100",
                "3000000000.00",
                "2026-03-01",
                "2031-02-28",
                "H100 capacity (fictional)",
                "2026-02-01");
        String retriedKey = key();

        WriteReceipt first = deals.recordCommitment("of-neocloud-1", body, retriedKey, null);
        long eventsAfterFirst = storedEvents("of-neocloud-1");
        WriteReceipt retry = deals.recordCommitment("of-neocloud-1", body, retriedKey, null);

        assertThat(first.getVersion()).isEqualTo(deal.getVersion() + 1);
        assertThat(retry.getPosition()).isEqualTo(first.getPosition());
        assertThat(retry.getVersion()).isEqualTo(first.getVersion());
        assertThat(retry.getRecordedAt()).isEqualTo(first.getRecordedAt());
        assertThat(storedEvents("of-neocloud-1")).isEqualTo(eventsAfterFirst).isEqualTo(2L);
        DealHistoryView history = dealReads.getDealHistory("of-neocloud-1", null, null, null, null, position(retry));
        assertThat(history.getFacts())
                .extracting(HistoryFact::getEventType)
                .containsExactly("DealRecordedEvent", "CommitmentRecordedEvent");
        assertThat(usdPayable(totals.getCounterpartyTotals("example-neocloud", date("2026-12-31"), null, null, null))
                        .getCommitments())
                .isEqualTo(1L);

        // The same key with a different body is refused, and records nothing either.
        assertThatThrownBy(
                        () -> deals.recordCommitment("of-neocloud-1", body.amount("3000000001.00"), retriedKey, null))
                .isInstanceOfSatisfying(dev.dealledger.client.command.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(LedgerProblems.of(e).orElseThrow().getType())
                            .hasToString("https://dealledger.dev/problems/idempotency-key-reused");
                });
        assertThat(storedEvents("of-neocloud-1")).isEqualTo(eventsAfterFirst);
    }

    @Test
    @Order(4)
    void a_stale_if_match_is_refused_with_409_and_records_nothing() throws Exception {
        long before = storedEvents("of-neocloud-1");
        OptionRequest option = new OptionRequest()
                .optionId("opt-neocloud-burst")
                .maxAmount("1000000000.00")
                .exercisableFrom(date("2026-02-01"))
                .expiresOn(date("2027-06-30"))
                .effectiveDate(date("2026-02-01"));
        String seenBeforeTheCommitment = LedgerClients.ifMatch(0);

        assertThatThrownBy(() -> deals.grantOption("of-neocloud-1", option, key(), seenBeforeTheCommitment))
                .isInstanceOfSatisfying(dev.dealledger.client.command.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    dev.dealledger.client.command.model.Problem problem =
                            LedgerProblems.of(e).orElseThrow();
                    assertThat(problem.getType()).hasToString("https://dealledger.dev/problems/stale-version");
                    assertThat(problem.getStatus()).isEqualTo(409);
                    assertThat(problem.getTitle()).isNotBlank();
                    assertThat(problem.getDetail()).contains("If-Match");
                });
        assertThat(storedEvents("of-neocloud-1")).isEqualTo(before);

        // With the version it reads now (the receipt's, also in ETag), the same write goes through.
        WriteReceipt granted = deals.grantOption("of-neocloud-1", option, key(), LedgerClients.ifMatch(before - 1));
        assertThat(granted.getVersion()).isEqualTo(before);
        assertThat(storedEvents("of-neocloud-1")).isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void a_validation_error_arrives_as_a_typed_problem() {
        CommitmentRequest invalid = commitment("not an id!", "12,50", "2026-03-01", "2031-02-28", "GPU", "2026-02-01");

        assertThatThrownBy(() -> deals.recordCommitment("of-neocloud-1", invalid, key(), null))
                .isInstanceOfSatisfying(dev.dealledger.client.command.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                    dev.dealledger.client.command.model.Problem problem =
                            LedgerProblems.of(e).orElseThrow();
                    assertThat(problem.getType()).hasToString("https://dealledger.dev/problems/validation");
                    assertThat(problem.getTitle()).isEqualTo("Invalid request values");
                    assertThat(problem.getStatus()).isEqualTo(422);
                    assertThat(problem.getDetail()).isNotBlank();
                    assertThat(problem.getErrors())
                            .extracting(dev.dealledger.client.command.model.FieldError::getField)
                            .containsExactlyInAnyOrder("amount", "commitmentId");
                });

        // The query service's problems arrive typed too: an out-of-range page size names the parameter.
        assertThatThrownBy(() -> exposure.listExposure(null, null, null, null, null, 5000, null, null))
                .isInstanceOfSatisfying(dev.dealledger.client.query.ApiException.class, e -> {
                    Problem problem = LedgerProblems.of(e).orElseThrow();
                    assertThat(problem.getStatus()).isEqualTo(400);
                    assertThat(problem.getType()).hasToString("https://dealledger.dev/problems/malformed-request");
                    assertThat(problem.getErrors())
                            .extracting(dev.dealledger.client.query.model.FieldError::getField)
                            .containsExactly("limit");
                });
    }

    @Test
    @Order(6)
    void reads_its_own_write_through_x_ledger_min_position() throws Exception {
        assertThat(fact4).as(SCENARIO_NOT_RUN).isNotNull();
        WriteReceipt renamed = counterparties.registerCounterparty(
                "example-neocloud",
                new CounterpartyRequest()
                        .legalName("Example Neocloud Holdings Ltd. (fictional)")
                        .reason("Legal name corrected (illustrative)"),
                key());

        // Read straight after the write, no sleeping: the service waits until its read models have the position.
        CounterpartyTotalsView own =
                totals.getCounterpartyTotals("example-neocloud", date("2026-12-31"), null, null, position(renamed));
        assertThat(own.getLegalName()).isEqualTo("Example Neocloud Holdings Ltd. (fictional)");
        assertThat(usdPayable(own))
                .extracting(TotalsRow::getCommitted, TotalsRow::getElapsed, TotalsRow::getPotential)
                .containsExactly("3000000000.00", "500000000.00", "1000000000.00");

        // The exposure report across both counterparties, as the document of record's example shows it.
        ExposureView report = exposure.listExposure(
                dev.dealledger.client.query.model.Direction.PAYABLE,
                "USD",
                date("2026-12-31"),
                null,
                null,
                null,
                null,
                position(renamed));
        assertThat(report.getRows())
                .extracting(
                        dev.dealledger.client.query.model.ExposureRow::getCounterpartyId,
                        dev.dealledger.client.query.model.ExposureRow::getRemaining,
                        dev.dealledger.client.query.model.ExposureRow::getExposure,
                        dev.dealledger.client.query.model.ExposureRow::getConcentration)
                .containsExactly(
                        tuple("coreweave", "30952948718.09", "30952948718.09", "0.925268"),
                        tuple("example-neocloud", "2500000000.00", "3500000000.00", "0.074732"));

        // A position beyond the last recorded one names no write: refused at once, without waiting.
        long unreached = renamed.getPosition() + 1_000_000;
        assertThatThrownBy(() -> totals.getCounterpartyTotals("example-neocloud", null, null, null, unreached))
                .isInstanceOfSatisfying(dev.dealledger.client.query.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(LedgerProblems.of(e).orElseThrow().getType())
                            .hasToString("https://dealledger.dev/problems/malformed-request");
                });
        assertThat(operations.getProjectionStatus().getHeadPosition()).isGreaterThanOrEqualTo(renamed.getPosition());
    }

    /** The number of events stored for a deal, straight from the event table (hash-chain verification). */
    private long storedEvents(String dealId) throws Exception {
        var verdict = verification.verifyDeal(dealId);
        assertThat(verdict.getOk()).as("hash chain of %s", dealId).isTrue();
        return verdict.getEventsChecked();
    }

    private static TotalsRow usdPayable(CounterpartyTotalsView view) {
        return view.getTotals().stream()
                .filter(row -> row.getCurrency().equals("USD")
                        && row.getDirection() == dev.dealledger.client.query.model.Direction.PAYABLE)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no USD PAYABLE row in " + view));
    }

    private static DealRequest deal(String dealId, String signedOn) {
        return new DealRequest()
                .dealId(dealId)
                .agreementId(dealId.startsWith("of-neocloud") ? "msa-neocloud" : "msa-2023")
                .direction(Direction.PAYABLE)
                .currency("USD")
                .title("Order form " + dealId + " (illustrative title)")
                .signedOn(date(signedOn))
                .sourceReference("Order form " + dealId + " (illustrative)");
    }

    private static CommitmentRequest commitment(
            String id, String amount, String termStart, String termEnd, String resource, String effective) {
        return new CommitmentRequest()
                .commitmentId(id)
                .amount(amount)
                .termStart(date(termStart))
                .termEnd(date(termEnd))
                .resource(resource)
                .effectiveDate(date(effective));
    }

    private static Long position(WriteReceipt receipt) {
        return receipt.getPosition();
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /** A fresh idempotency key per write, as a careful client sends one on everything it might retry. */
    private static String key() {
        return UUID.randomUUID().toString();
    }
}

package dev.dealledger.demo;

import dev.dealledger.client.command.model.AgreementRequest;
import dev.dealledger.client.command.model.AmendmentRequest;
import dev.dealledger.client.command.model.CommitmentRequest;
import dev.dealledger.client.command.model.CounterpartyRequest;
import dev.dealledger.client.command.model.DealRequest;
import dev.dealledger.client.command.model.Direction;
import dev.dealledger.client.command.model.ExerciseRequest;
import dev.dealledger.client.command.model.FxRateRequest;
import dev.dealledger.client.command.model.OptionRequest;
import dev.dealledger.client.command.model.PeriodCloseRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts the demo records, in order: three fictional counterparties to compare against, then the example history
 * of docs/domain.md (Meta's side of its CoreWeave contracts). The CoreWeave dates, the split of the 2026 order form, the
 * option size and the first term end are docs/domain.md's illustrative choices, and are labelled so.
 *
 * <p>The fictional counterparties come first so that, when the backdated CoreWeave amendment is recorded, the
 * concentration it restates is a share of something.
 */
public final class ExampleHistory {

    public static final String COREWEAVE = "coreweave";
    public static final String COREWEAVE_DEAL_2025 = "of-2025-09";
    public static final String BLACKWELL = "c-2025-blackwell";
    public static final String AMENDMENT = "am-2026-01-correction";

    /** The step of the backdated amendment (fact 4); the write just before it is the last one known before it. */
    public static final String AMENDMENT_STEP = "coreweave-4-amendment";
    /** The quarter closed after fact 3 and before fact 4, so the backdated amendment is a post-close adjustment. */
    public static final String CLOSED_PERIOD = "2026-03-31";

    public static final String CLOSE_STEP = "close-2026-q1";

    /** docs/domain.md: after fact 4, the total committed with CoreWeave is 35,450,000,000.00 USD. */
    public static final String EXPECTED_COREWEAVE_COMMITTED = "35450000000.00";

    public static final String EXPECTED_COREWEAVE_CURRENCY = "USD";

    private static final String ILLUSTRATIVE = "illustrative example history (docs/domain.md)";
    private static final String FICTIONAL = "fictional comparison counterparty for the demo";

    private ExampleHistory() {}

    public static List<LedgerWrite> writes() {
        List<LedgerWrite> fictional = new ArrayList<>();
        northwind(fictional);
        aurora(fictional);
        helios(fictional);
        List<LedgerWrite> writes = new ArrayList<>();
        fictional.forEach(write -> writes.add(labelled("fictional", write)));
        coreweave(writes);
        return List.copyOf(writes);
    }

    /** A fictional GPU cloud we buy from in USD: the second PAYABLE USD counterparty, so concentration is a share. */
    private static void northwind(List<LedgerWrite> w) {
        String cp = "northwind-compute";
        w.add(counterparty("northwind-1-counterparty", cp, "Northwind Compute Ltd. (fictional)", FICTIONAL));
        w.add(agreement(
                "northwind-2-agreement", "nw-msa-2024", cp, "Northwind MSA (fictional)", "2024-06-15", FICTIONAL));
        w.add(deal(
                "northwind-3-deal",
                "nw-of-2025-03",
                "nw-msa-2024",
                "PAYABLE",
                "USD",
                "Northwind order form 2025-03 (fictional)",
                "2025-03-01",
                "fictional: demo data",
                FICTIONAL));
        w.add(commitment(
                "northwind-4-commitment",
                "nw-of-2025-03",
                "nw-c-2025-h200",
                "1800000000.00",
                "2025-04-01",
                "2028-03-31",
                "Nvidia H200 GPU capacity (fictional)",
                "2025-03-01",
                FICTIONAL));
    }

    /** A fictional European provider: one EUR deal we pay for, and one EUR deal where we resell capacity to it. */
    private static void aurora(List<LedgerWrite> w) {
        String cp = "aurora-gpu-cloud";
        w.add(counterparty("aurora-1-counterparty", cp, "Aurora GPU Cloud GmbH (fictional)", FICTIONAL));
        w.add(agreement("aurora-2-agreement", "au-msa-2025", cp, "Aurora MSA (fictional)", "2025-01-20", FICTIONAL));
        w.add(deal(
                "aurora-3-deal",
                "au-of-2025-05",
                "au-msa-2025",
                "PAYABLE",
                "EUR",
                "Aurora order form 2025-05 (fictional)",
                "2025-05-15",
                "fictional: demo data",
                FICTIONAL));
        w.add(commitment(
                "aurora-4-commitment",
                "au-of-2025-05",
                "au-c-2025-sovereign",
                "950000000.00",
                "2025-06-01",
                "2029-05-31",
                "EU-hosted GPU capacity (fictional)",
                "2025-05-15",
                FICTIONAL));
        w.add(deal(
                "aurora-5-deal",
                "au-of-2026-02",
                "au-msa-2025",
                "RECEIVABLE",
                "EUR",
                "Aurora resale order form 2026-02 (fictional)",
                "2026-02-01",
                "fictional: demo data",
                FICTIONAL));
        w.add(commitment(
                "aurora-6-commitment",
                "au-of-2026-02",
                "au-c-2026-resale",
                "120000000.00",
                "2026-03-01",
                "2027-02-28",
                "Resold training capacity (fictional)",
                "2026-02-01",
                FICTIONAL));
    }

    /** A fictional customer we sell capacity to in USD (RECEIVABLE), with an option it has not exercised. */
    private static void helios(List<LedgerWrite> w) {
        String cp = "helios-ai-labs";
        w.add(counterparty("helios-1-counterparty", cp, "Helios AI Labs Inc. (fictional)", FICTIONAL));
        w.add(agreement("helios-2-agreement", "he-msa-2025", cp, "Helios MSA (fictional)", "2025-02-10", FICTIONAL));
        w.add(deal(
                "helios-3-deal",
                "he-of-2025-07",
                "he-msa-2025",
                "RECEIVABLE",
                "USD",
                "Helios inference order form 2025-07 (fictional)",
                "2025-07-01",
                "fictional: demo data",
                FICTIONAL));
        w.add(commitment(
                "helios-4-commitment",
                "he-of-2025-07",
                "he-c-2025-inference",
                "420000000.00",
                "2025-08-01",
                "2027-07-31",
                "Inference capacity sold to Helios (fictional)",
                "2025-07-01",
                FICTIONAL));
        w.add(option(
                "helios-5-option",
                "he-of-2025-07",
                "he-opt-extension",
                "150000000.00",
                "2026-01-01",
                "2027-06-30",
                "2025-07-01",
                FICTIONAL));
    }

    /** docs/domain.md "Example history", facts 1 to 4 in that order; fact 4 is backdated and recorded last. */
    private static void coreweave(List<LedgerWrite> w) {
        w.add(labelled(
                "fact 1",
                counterparty("coreweave-1-counterparty", COREWEAVE, "CoreWeave, Inc.", ILLUSTRATIVE + ", fact 1")));
        w.add(labelled(
                "fact 1",
                agreement(
                        "coreweave-1-agreement",
                        "msa-2023",
                        COREWEAVE,
                        "Master services agreement (illustrative)",
                        "2023-12-01",
                        ILLUSTRATIVE + ", fact 1")));
        w.add(labelled(
                "fact 2",
                deal(
                        "coreweave-2-deal",
                        COREWEAVE_DEAL_2025,
                        "msa-2023",
                        "PAYABLE",
                        "USD",
                        "Order form 2025-09 (illustrative)",
                        "2025-09-30",
                        "illustrative: 8-K 2025-09-30",
                        ILLUSTRATIVE + ", fact 2")));
        w.add(labelled(
                "fact 2",
                commitment(
                        "coreweave-2-commitment",
                        COREWEAVE_DEAL_2025,
                        BLACKWELL,
                        "14200000000.00",
                        "2025-10-01",
                        "2031-12-31",
                        "Nvidia Blackwell GPU capacity",
                        "2025-09-30",
                        ILLUSTRATIVE + ", fact 2")));
        w.add(labelled(
                "fact 2",
                option(
                        "coreweave-2-option",
                        COREWEAVE_DEAL_2025,
                        "opt-expansion",
                        "6000000000.00",
                        "2025-09-30",
                        "2026-12-31",
                        "2025-09-30",
                        ILLUSTRATIVE + ", fact 2")));
        w.add(labelled(
                "fact 3",
                deal(
                        "coreweave-3-deal",
                        "of-2026-04",
                        "msa-2023",
                        "PAYABLE",
                        "USD",
                        "Order form 2026-04 (illustrative)",
                        "2026-04-01",
                        "illustrative: 8-K 2026-04-01",
                        ILLUSTRATIVE + ", fact 3")));
        w.add(labelled(
                "fact 3",
                commitment(
                        "coreweave-3-commitment",
                        "of-2026-04",
                        "c-2026-vera-rubin",
                        "15000000000.00",
                        "2026-07-01",
                        "2032-12-31",
                        "Nvidia Vera Rubin GPU capacity",
                        "2026-04-01",
                        ILLUSTRATIVE + ", fact 3")));
        // The option lives on the 2025 order form, so it is exercised there; the new commitment hangs under that deal.
        ExerciseRequest exercise = new ExerciseRequest()
                .commitmentId("c-2026-expansion")
                .amount("6000000000.00")
                .termStart(date("2026-07-01"))
                .termEnd(date("2032-12-31"))
                .resource("Additional Nvidia GPU capacity (option exercise)")
                .effectiveDate(date("2026-04-01"))
                .reason(ILLUSTRATIVE + ", fact 3");
        w.add(new LedgerWrite(
                "coreweave-3-exercise",
                "fact 3: exercise of opt-expansion as c-2026-expansion",
                "POST",
                "/api/v1/deals/" + COREWEAVE_DEAL_2025 + "/options/opt-expansion/exercise",
                exercise,
                s -> s.commands()
                        .deals()
                        .exerciseOptionWithHttpInfo(
                                COREWEAVE_DEAL_2025, "opt-expansion", exercise, s.idempotencyKey(), null)));
        // ILLUSTRATIVE EUR/USD rates at quarter ends (not market quotes), so the EUR deals of the fictional
        // counterparties can be read in the reporting currency USD.
        String[][] rates = {
            {"2025-09-30", "1.1700"},
            {"2025-12-31", "1.1750"},
            {"2026-03-31", "1.0800"},
            {"2026-06-30", "1.1400"},
            {"2026-09-30", "1.1600"}
        };
        for (String[] rate : rates) {
            FxRateRequest fx =
                    new FxRateRequest().rate(rate[1]).source("ILLUSTRATIVE rate for the demo, not a market quote");
            w.add(new LedgerWrite(
                    "fx-eur-usd-" + rate[0],
                    "ILLUSTRATIVE EUR/USD rate " + rate[1] + " for " + rate[0],
                    "PUT",
                    "/api/v1/fx-rates/EUR/USD/" + rate[0],
                    fx,
                    s -> s.commands()
                            .fxRates()
                            .recordFxRateWithHttpInfo("EUR", "USD", rate[0], fx, s.idempotencyKey())));
        }
        PeriodCloseRequest close = new PeriodCloseRequest().reason("Q1 2026 close (illustrative)");
        w.add(new LedgerWrite(
                CLOSE_STEP,
                "close of the quarter ending " + CLOSED_PERIOD + ", after fact 3 and before fact 4",
                "POST",
                "/api/v1/periods/" + CLOSED_PERIOD + "/close",
                close,
                s -> s.commands().periods().closePeriodWithHttpInfo(date(CLOSED_PERIOD), close, s.idempotencyKey())));
        AmendmentRequest amendment = new AmendmentRequest()
                .amendmentId(AMENDMENT)
                .amountDelta("250000000.00")
                .effectiveDate(date("2026-01-01"))
                .reason("illustrative correction");
        w.add(new LedgerWrite(
                AMENDMENT_STEP,
                "fact 4: backdated amendment " + AMENDMENT + " of " + BLACKWELL,
                "POST",
                "/api/v1/deals/" + COREWEAVE_DEAL_2025 + "/commitments/" + BLACKWELL + "/amendments",
                amendment,
                s -> s.commands()
                        .deals()
                        .amendCommitmentWithHttpInfo(
                                COREWEAVE_DEAL_2025, BLACKWELL, amendment, s.idempotencyKey(), null)));
    }

    private static LedgerWrite labelled(String label, LedgerWrite write) {
        return write.labelled(label);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static LedgerWrite counterparty(String step, String id, String legalName, String reason) {
        CounterpartyRequest request =
                new CounterpartyRequest().legalName(legalName).reason(reason);
        return new LedgerWrite(
                step,
                "counterparty " + id,
                "PUT",
                "/api/v1/counterparties/" + id,
                request,
                s -> s.commands().counterparties().registerCounterpartyWithHttpInfo(id, request, s.idempotencyKey()));
    }

    private static LedgerWrite agreement(
            String step, String id, String counterpartyId, String title, String signedOn, String reason) {
        AgreementRequest request = new AgreementRequest()
                .agreementId(id)
                .counterpartyId(counterpartyId)
                .title(title)
                .signedOn(date(signedOn))
                .reason(reason);
        return new LedgerWrite(
                step,
                "agreement " + id,
                "POST",
                "/api/v1/agreements",
                request,
                s -> s.commands().agreements().signAgreementWithHttpInfo(request, s.idempotencyKey()));
    }

    private static LedgerWrite deal(
            String step,
            String id,
            String agreementId,
            String direction,
            String currency,
            String title,
            String signedOn,
            String sourceReference,
            String reason) {
        DealRequest request = new DealRequest()
                .dealId(id)
                .agreementId(agreementId)
                .direction(Direction.fromValue(direction))
                .currency(currency)
                .title(title)
                .signedOn(date(signedOn))
                .sourceReference(sourceReference)
                .reason(reason);
        return new LedgerWrite(
                step,
                "deal " + id + " (" + direction + " " + currency + ")",
                "POST",
                "/api/v1/deals",
                request,
                s -> s.commands().deals().recordDealWithHttpInfo(request, s.idempotencyKey()));
    }

    private static LedgerWrite commitment(
            String step,
            String dealId,
            String id,
            String amount,
            String termStart,
            String termEnd,
            String resource,
            String effectiveDate,
            String reason) {
        CommitmentRequest request = new CommitmentRequest()
                .commitmentId(id)
                .amount(amount)
                .termStart(date(termStart))
                .termEnd(date(termEnd))
                .resource(resource)
                .effectiveDate(date(effectiveDate))
                .reason(reason);
        return new LedgerWrite(
                step,
                "commitment " + id,
                "POST",
                "/api/v1/deals/" + dealId + "/commitments",
                request,
                s -> s.commands().deals().recordCommitmentWithHttpInfo(dealId, request, s.idempotencyKey(), null));
    }

    private static LedgerWrite option(
            String step,
            String dealId,
            String id,
            String maxAmount,
            String exercisableFrom,
            String expiresOn,
            String effectiveDate,
            String reason) {
        OptionRequest request = new OptionRequest()
                .optionId(id)
                .maxAmount(maxAmount)
                .exercisableFrom(date(exercisableFrom))
                .expiresOn(date(expiresOn))
                .effectiveDate(date(effectiveDate))
                .reason(reason);
        return new LedgerWrite(
                step,
                "option " + id,
                "POST",
                "/api/v1/deals/" + dealId + "/options",
                request,
                s -> s.commands().deals().grantOptionWithHttpInfo(dealId, request, s.idempotencyKey(), null));
    }
}

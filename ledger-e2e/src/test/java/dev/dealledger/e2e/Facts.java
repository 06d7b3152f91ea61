package dev.dealledger.e2e;

/**
 * Request bodies for tests that talk plain JSON to the command service: the example history of docs/domain.md
 * (no-argument and short forms) and the general forms the reliability tests vary.
 */
public final class Facts {

    private Facts() {}

    public static String counterparty() {
        return counterparty("CoreWeave, Inc.");
    }

    public static String agreement() {
        return agreement("msa-2023", "coreweave");
    }

    public static String deal(String dealId, String signedOn) {
        return "{\"dealId\":\"" + dealId + "\",\"agreementId\":\"msa-2023\",\"direction\":\"PAYABLE\","
                + "\"currency\":\"USD\",\"title\":\"Order form\",\"signedOn\":\"" + signedOn + "\","
                + "\"sourceReference\":\"illustrative\"}";
    }

    public static String counterparty(String legalName) {
        return "{\"legalName\":\"" + legalName + "\"}";
    }

    public static String agreement(String agreementId, String counterpartyId) {
        return "{\"agreementId\":\"" + agreementId + "\",\"counterpartyId\":\"" + counterpartyId
                + "\",\"title\":\"MSA\",\"signedOn\":\"2023-12-01\"}";
    }

    public static String deal(String dealId, String agreementId, String direction, String currency) {
        return "{\"dealId\":\"" + dealId + "\",\"agreementId\":\"" + agreementId + "\",\"direction\":\"" + direction
                + "\",\"currency\":\"" + currency + "\",\"title\":\"Order form (fictional)\","
                + "\"signedOn\":\"2025-01-10\",\"sourceReference\":\"reliability test\"}";
    }

    public static String commitment(
            String commitmentId, String amount, String termStart, String termEnd, String effective) {
        return "{\"commitmentId\":\"" + commitmentId + "\",\"amount\":\"" + amount + "\",\"termStart\":\"" + termStart
                + "\",\"termEnd\":\"" + termEnd + "\",\"resource\":\"GPU capacity\",\"effectiveDate\":\"" + effective
                + "\"}";
    }

    public static String option(String optionId, String maxAmount, String from, String expiresOn, String effective) {
        return "{\"optionId\":\"" + optionId + "\",\"maxAmount\":\"" + maxAmount + "\",\"exercisableFrom\":\"" + from
                + "\",\"expiresOn\":\"" + expiresOn + "\",\"effectiveDate\":\"" + effective + "\"}";
    }

    public static String amendment(String amendmentId, String amountDelta, String effective) {
        return "{\"amendmentId\":\"" + amendmentId + "\",\"amountDelta\":\"" + amountDelta + "\",\"effectiveDate\":\""
                + effective + "\",\"reason\":\"reliability test\"}";
    }

    public static String termination(String effective) {
        return "{\"effectiveDate\":\"" + effective + "\",\"reason\":\"reliability test\"}";
    }
}

package dev.dealledger.e2e.reliability;

/** Request bodies of the facts the reliability tests record, built the same way in every test. */
final class Facts {

    private Facts() {}

    static String counterparty(String legalName) {
        return "{\"legalName\":\"" + legalName + "\"}";
    }

    static String agreement(String agreementId, String counterpartyId) {
        return "{\"agreementId\":\"" + agreementId + "\",\"counterpartyId\":\"" + counterpartyId
                + "\",\"title\":\"MSA\",\"signedOn\":\"2023-12-01\"}";
    }

    static String deal(String dealId, String agreementId, String direction, String currency) {
        return "{\"dealId\":\"" + dealId + "\",\"agreementId\":\"" + agreementId + "\",\"direction\":\"" + direction
                + "\",\"currency\":\"" + currency + "\",\"title\":\"Order form (fictional)\","
                + "\"signedOn\":\"2025-01-10\",\"sourceReference\":\"reliability test\"}";
    }

    static String commitment(String commitmentId, String amount, String termStart, String termEnd, String effective) {
        return "{\"commitmentId\":\"" + commitmentId + "\",\"amount\":\"" + amount + "\",\"termStart\":\"" + termStart
                + "\",\"termEnd\":\"" + termEnd + "\",\"resource\":\"GPU capacity\",\"effectiveDate\":\"" + effective
                + "\"}";
    }

    static String option(String optionId, String maxAmount, String from, String expiresOn, String effective) {
        return "{\"optionId\":\"" + optionId + "\",\"maxAmount\":\"" + maxAmount + "\",\"exercisableFrom\":\"" + from
                + "\",\"expiresOn\":\"" + expiresOn + "\",\"effectiveDate\":\"" + effective + "\"}";
    }

    static String amendment(String amendmentId, String amountDelta, String effective) {
        return "{\"amendmentId\":\"" + amendmentId + "\",\"amountDelta\":\"" + amountDelta + "\",\"effectiveDate\":\""
                + effective + "\",\"reason\":\"reliability test\"}";
    }

    static String termination(String effective) {
        return "{\"effectiveDate\":\"" + effective + "\",\"reason\":\"reliability test\"}";
    }
}

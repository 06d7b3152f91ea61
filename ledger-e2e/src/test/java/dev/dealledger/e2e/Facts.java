package dev.dealledger.e2e;

/** Request bodies of the example history (DOMAIN.md), for tests that talk plain JSON to the command service. */
public final class Facts {

    private Facts() {}

    public static String counterparty() {
        return "{\"legalName\":\"CoreWeave, Inc.\"}";
    }

    public static String agreement() {
        return "{\"agreementId\":\"msa-2023\",\"counterpartyId\":\"coreweave\",\"title\":\"MSA\","
                + "\"signedOn\":\"2023-12-01\"}";
    }

    public static String deal(String dealId, String signedOn) {
        return "{\"dealId\":\"" + dealId + "\",\"agreementId\":\"msa-2023\",\"direction\":\"PAYABLE\","
                + "\"currency\":\"USD\",\"title\":\"Order form\",\"signedOn\":\"" + signedOn + "\","
                + "\"sourceReference\":\"illustrative\"}";
    }

    public static String commitment(String id, String amount, String start, String end, String effective) {
        return "{\"commitmentId\":\"" + id + "\",\"amount\":\"" + amount + "\",\"termStart\":\"" + start
                + "\",\"termEnd\":\"" + end + "\",\"resource\":\"GPU capacity\",\"effectiveDate\":\"" + effective
                + "\"}";
    }

    public static String amendment(String id, String delta, String effective) {
        return "{\"amendmentId\":\"" + id + "\",\"amountDelta\":\"" + delta + "\",\"effectiveDate\":\"" + effective
                + "\",\"reason\":\"illustrative correction\"}";
    }
}

package dev.dealledger.query.derive;

/** Names one commitment: commitment ids are unique within their deal only. */
public record CommitmentKey(String dealId, String commitmentId) {}

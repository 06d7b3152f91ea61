package dev.dealledger.query.derive;

/** Names one option: option ids are unique within their deal only. */
public record OptionKey(String dealId, String optionId) {}

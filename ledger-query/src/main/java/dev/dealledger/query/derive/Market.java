package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;

/**
 * One market: a currency and a direction. Concentration divides a counterparty's remaining by its market's, because
 * amounts are never added across currencies or directions.
 */
public record Market(String currency, Direction direction) {}

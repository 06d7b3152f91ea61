package dev.dealledger.api.view;

import dev.dealledger.api.Direction;

/**
 * The derived numbers for one counterparty in one currency and direction, at one (asOf, knownAt). Money fields are
 * decimal strings at the currency's minor-unit scale; {@code concentration} is a decimal string with 6 places.
 */
public record TotalsRowView(
        String currency,
        Direction direction,
        String committed,
        String elapsed,
        String remaining,
        String potential,
        String exposure,
        String concentration,
        long deals,
        long commitments,
        long optionsOpen,
        long optionsExercised,
        long amendments) {}

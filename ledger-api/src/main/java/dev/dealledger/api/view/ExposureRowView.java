package dev.dealledger.api.view;

import dev.dealledger.api.Direction;

/** One row of the exposure table: a counterparty's totals in one currency and direction. */
public record ExposureRowView(
        String counterpartyId,
        String legalName,
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
        long amendments) {

    public static ExposureRowView of(String counterpartyId, String legalName, TotalsRowView t) {
        return new ExposureRowView(
                counterpartyId,
                legalName,
                t.currency(),
                t.direction(),
                t.committed(),
                t.elapsed(),
                t.remaining(),
                t.potential(),
                t.exposure(),
                t.concentration(),
                t.deals(),
                t.commitments(),
                t.optionsOpen(),
                t.optionsExercised(),
                t.amendments());
    }
}

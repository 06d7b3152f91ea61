package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dealledger.api.Direction;

/**
 * One row of the exposure table: a counterparty's totals in one currency and direction.
 *
 * <p>It repeats {@link TotalsRowView}'s fields on purpose rather than holding one: the row is flat on the wire
 * ({@code ExposureRow} in the document of record), and Jackson cannot bind an unwrapped component of a record when
 * reading it back, which every client of this type does. {@link #of} builds one from the other, so the two never
 * disagree in what they carry.
 */
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
        long amendments,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReportingView reporting) {

    /** A row of a read without a reporting currency. */
    public ExposureRowView(
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
        this(
                counterpartyId,
                legalName,
                currency,
                direction,
                committed,
                elapsed,
                remaining,
                potential,
                exposure,
                concentration,
                deals,
                commitments,
                optionsOpen,
                optionsExercised,
                amendments,
                null);
    }

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
                t.amendments(),
                t.reporting());
    }
}

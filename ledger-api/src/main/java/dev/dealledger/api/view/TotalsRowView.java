package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dealledger.api.Direction;

/**
 * The derived numbers for one counterparty in one currency and direction, at one (asOf, knownAt). Money fields are
 * decimal strings at the currency's minor-unit scale; {@code concentration} is a decimal string with 6 places.
 * {@code reporting} is present only in a read with a reporting currency.
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
        long amendments,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReportingView reporting) {

    /** A row of a read without a reporting currency. */
    public TotalsRowView(
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

    /** The same row with its figures in a reporting currency. */
    public TotalsRowView withReporting(ReportingView converted) {
        return new TotalsRowView(
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
                converted);
    }
}

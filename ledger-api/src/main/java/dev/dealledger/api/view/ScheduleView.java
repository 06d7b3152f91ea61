package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dealledger.api.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Answer of GET /api/v1/counterparties/{counterpartyId}/schedule: remaining obligation by calendar year. */
public record ScheduleView(String counterpartyId, LocalDate asOf, Instant knownAt, List<Row> rows) {

    /**
     * Remaining obligation falling due in one calendar year; {@code reporting} (currency and remaining) only in a read
     * with a reporting currency.
     */
    public record Row(
            String currency,
            Direction direction,
            int year,
            String remaining,
            @JsonInclude(JsonInclude.Include.NON_NULL) ReportingView reporting) {

        public Row(String currency, Direction direction, int year, String remaining) {
            this(currency, direction, year, remaining, null);
        }
    }
}

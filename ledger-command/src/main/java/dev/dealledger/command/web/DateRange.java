package dev.dealledger.command.web;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;

/**
 * The documented range of every date a write accepts: 1900-01-01 to 2199-12-31. Contract dates outside it are typing
 * mistakes (a year 20255), and refusing them keeps the schedule arithmetic within its bounds.
 */
final class DateRange {

    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private DateRange() {}

    /** Checks every date component of a request record. */
    static void check(Object request) {
        if (request == null || !request.getClass().isRecord()) {
            return;
        }
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            if (component.getType() != LocalDate.class) {
                continue;
            }
            LocalDate value;
            try {
                value = (LocalDate) component.getAccessor().invoke(request);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
                throw new OutOfRangeException(component.getName());
            }
        }
    }

    /** 422: a date outside the documented range. */
    static final class OutOfRangeException extends RuntimeException {
        private final String field;

        OutOfRangeException(String field) {
            super(field + " must lie between " + EARLIEST + " and " + LATEST);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}

package dev.dealledger.api.event;

import dev.dealledger.api.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A controller closed the reporting period ending on {@code periodEnd}, for {@code reason}, and this fact holds the
 * figures as reported (docs/domain.md, "Period close"): {@code asReported}, the exposure rows at (asOf = periodEnd,
 * knownAt = {@code closedAt}), and {@code digest} over them in the encoding {@code digestEncoding} names. {@code
 * closedAt} is the instant of the last fact recorded before the close: the figures hold everything known then, and a
 * fact recorded after it that changes the period is a post-close adjustment. Its effective date is the period end.
 *
 * <p>Revision 1 held no figures (they were derived by the query service at the close's own recorded instant); it is
 * upcast with {@code closedAt}, {@code digestEncoding}, {@code digest} and {@code asReported} absent.
 */
@Revision("2")
public record PeriodClosedEvent(
        LocalDate periodEnd,
        String reason,
        LocalDate effectiveDate,
        Instant closedAt,
        String digestEncoding,
        String digest,
        List<ReportedRow> asReported)
        implements LedgerEvent {

    /** One counterparty's figures in one currency and direction, as the exposure read served them. */
    public record ReportedRow(
            String counterpartyId,
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

    /** Whether the fact holds its figures (revision 2 on); a revision-1 close does not. */
    public boolean holdsFigures() {
        return asReported != null;
    }
}

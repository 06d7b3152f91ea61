package dev.dealledger.api.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A controller closed the reporting period ending on {@code periodEnd}, for {@code reason}. The fact itself holds no
 * figures: the figures as reported are those derived at (asOf = periodEnd, knownAt = the instant this fact was
 * recorded), which no later fact can change (docs/domain.md, "Two time axes"). Its effective date is the period end.
 */
@Revision("1")
public record PeriodClosedEvent(LocalDate periodEnd, String reason, LocalDate effectiveDate) implements LedgerEvent {}

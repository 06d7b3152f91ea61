package dev.dealledger.api.event;

import java.time.LocalDate;

/** Every ledger fact carries the contractual date from which it holds (valid time) in its payload. */
public interface LedgerEvent {
    LocalDate effectiveDate();
}

package dev.dealledger.model.schedule;

import java.time.LocalDate;

/** The facts a commitment starts from: its original amount and term, and the date from which it holds. */
public record CommitmentTerms(long amountMinor, LocalDate termStart, LocalDate termEnd, LocalDate effectiveDate) {}

package dev.dealledger.axon;

import dev.dealledger.api.Direction;
import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.CounterpartyDetailsChangedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.ExchangeRateRecordedEvent;
import dev.dealledger.api.event.LedgerEvent;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.api.event.PeriodClosedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The stored event contract, one entry per event class and revision: the instance that
 * {@code golden/<SimpleClassName>-r<revision>.json} must load as. The values are taken from the example history of
 * docs/domain.md (illustrative, like the history itself) but differ from it where that makes a field say more: a partial
 * exercise (so that the two amounts differ), a negative delta that also moves the term end (so that the sign and the
 * date are stored), a made-up LEI. Nullable fields are null in one file at least (the first LEI).
 *
 * <p>A golden file is written once, from the serializer of its day, and never regenerated: it is what the event store
 * holds. When an event gets a new revision, its old entry stays here (its expected instance becomes what the upcaster
 * chain turns the old JSON into) and a new entry with a new golden file is added.
 */
final class GoldenEvents {

    private GoldenEvents() {}

    /** One stored revision of one event class and the instance its golden JSON must load as. */
    record GoldenEvent(Class<? extends LedgerEvent> type, String revision, LedgerEvent expected) {

        String resource() {
            return "golden/" + type.getSimpleName() + "-r" + revision + ".json";
        }

        @Override
        public String toString() {
            return type.getSimpleName() + " r" + revision;
        }
    }

    static final List<GoldenEvent> ALL = List.of(
            new GoldenEvent(
                    CounterpartyRegisteredEvent.class,
                    "1",
                    new CounterpartyRegisteredEvent("coreweave", "CoreWeave, Inc.", null, LocalDate.of(2023, 12, 1))),
            new GoldenEvent(
                    CounterpartyDetailsChangedEvent.class,
                    "1",
                    new CounterpartyDetailsChangedEvent(
                            "coreweave", "CoreWeave, Inc.", "ILLUSTRATIVELEI00042", LocalDate.of(2024, 3, 15))),
            // Revision 1 had no effectiveDate; the upcaster makes it the signing date.
            new GoldenEvent(
                    AgreementSignedEvent.class,
                    "1",
                    new AgreementSignedEvent(
                            "msa-2023",
                            "coreweave",
                            "Master services agreement",
                            LocalDate.of(2023, 12, 1),
                            LocalDate.of(2023, 12, 1))),
            new GoldenEvent(
                    AgreementSignedEvent.class,
                    "2",
                    new AgreementSignedEvent(
                            "msa-2023",
                            "coreweave",
                            "Master services agreement",
                            LocalDate.of(2023, 12, 1),
                            LocalDate.of(2023, 12, 1))),
            new GoldenEvent(
                    DealRecordedEvent.class,
                    "1",
                    new DealRecordedEvent(
                            "of-2025-09",
                            "msa-2023",
                            "coreweave",
                            Direction.PAYABLE,
                            "USD",
                            "Order form of September 2025",
                            LocalDate.of(2025, 9, 30),
                            "news reports of the September 2025 order form",
                            LocalDate.of(2025, 9, 30))),
            new GoldenEvent(
                    CommitmentRecordedEvent.class,
                    "1",
                    new CommitmentRecordedEvent(
                            "of-2025-09",
                            "c-blackwell",
                            new BigDecimal("14200000000.00"),
                            "USD",
                            LocalDate.of(2025, 10, 1),
                            LocalDate.of(2031, 12, 31),
                            "Nvidia Blackwell GPU capacity",
                            LocalDate.of(2025, 9, 30))),
            new GoldenEvent(
                    OptionGrantedEvent.class,
                    "1",
                    new OptionGrantedEvent(
                            "of-2025-09",
                            "opt-expansion",
                            new BigDecimal("6000000000.00"),
                            "USD",
                            LocalDate.of(2025, 9, 30),
                            LocalDate.of(2026, 12, 31),
                            LocalDate.of(2025, 9, 30))),
            new GoldenEvent(
                    OptionExercisedEvent.class,
                    "1",
                    new OptionExercisedEvent(
                            "of-2025-09",
                            "opt-expansion",
                            "c-expansion",
                            new BigDecimal("5500000000.00"),
                            new BigDecimal("500000000.00"),
                            "USD",
                            LocalDate.of(2026, 7, 1),
                            LocalDate.of(2032, 12, 31),
                            "Nvidia Vera Rubin GPU capacity",
                            LocalDate.of(2026, 4, 1))),
            new GoldenEvent(
                    CommitmentAmendedEvent.class,
                    "1",
                    new CommitmentAmendedEvent(
                            "of-2025-09",
                            "c-blackwell",
                            "amd-2026-01",
                            new BigDecimal("-250000000.00"),
                            "USD",
                            LocalDate.of(2032, 6, 30),
                            "illustrative correction",
                            LocalDate.of(2026, 1, 1))),
            new GoldenEvent(
                    CommitmentTerminatedEvent.class,
                    "1",
                    new CommitmentTerminatedEvent(
                            "of-2025-09", "c-blackwell", "illustrative termination", LocalDate.of(2027, 6, 30))),
            // A rate with more decimals than any currency has: the stored string keeps every one of them.
            new GoldenEvent(
                    ExchangeRateRecordedEvent.class,
                    "1",
                    new ExchangeRateRecordedEvent(
                            "EUR",
                            "USD",
                            LocalDate.of(2026, 3, 31),
                            new BigDecimal("1.0815"),
                            "illustrative: ECB reference rate",
                            LocalDate.of(2026, 3, 31))),
            new GoldenEvent(
                    PeriodClosedEvent.class,
                    "1",
                    new PeriodClosedEvent(
                            LocalDate.of(2026, 3, 31),
                            "Q1 2026 close (illustrative)",
                            LocalDate.of(2026, 3, 31),
                            null,
                            null,
                            null,
                            null)),
            // Revision 2 holds the figures as reported; one row of the example ledger's Meta side, illustrative.
            new GoldenEvent(
                    PeriodClosedEvent.class,
                    "2",
                    new PeriodClosedEvent(
                            LocalDate.of(2026, 3, 31),
                            "Q1 2026 close (illustrative)",
                            LocalDate.of(2026, 3, 31),
                            Instant.parse("2026-04-20T07:59:59.123456Z"),
                            "dealledger-period-close/1",
                            "5d41402abc4b2a76b9719d911017c592c4b1f1b1a8d2f04b9d6e1b3f2b7c9a01",
                            List.of(new PeriodClosedEvent.ReportedRow(
                                    "coreweave",
                                    "USD",
                                    Direction.PAYABLE,
                                    "14200000000.00",
                                    "1135999999.98",
                                    "13064000000.02",
                                    "0.00",
                                    "13064000000.02",
                                    "1.000000",
                                    1,
                                    1,
                                    0,
                                    0,
                                    0)))));
}

package dev.dealledger.command.domain;

import dev.dealledger.api.command.RegisterCounterpartyCommand;
import dev.dealledger.api.event.CounterpartyDetailsChangedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registration holds from the day the ledger learns of it: the injected clock's date (UTC). */
class RegisteringACounterpartyTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-04-01");
    private static final String LEI = "549300EXAMPLE0000042";

    private AggregateTestFixture<Counterparty> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Counterparty.class);
        // Late in the UTC day on purpose: a date taken in any zone east of UTC would already be 2026-04-02.
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-04-01T23:30:00Z"), ZoneOffset.UTC));
    }

    @Test
    void an_unknown_counterparty_is_registered_as_of_today() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCounterpartyCommand("coreweave", "CoreWeave, Inc.", null))
                .expectEvents(new CounterpartyRegisteredEvent("coreweave", "CoreWeave, Inc.", null, TODAY));
    }

    @Test
    void a_counterparty_is_registered_with_its_lei() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCounterpartyCommand("meta-platforms", "Meta Platforms, Inc.", LEI))
                .expectEvents(new CounterpartyRegisteredEvent("meta-platforms", "Meta Platforms, Inc.", LEI, TODAY));
    }

    @Test
    void registering_the_same_details_again_records_nothing() {
        fixture.given(new CounterpartyRegisteredEvent(
                        "coreweave", "CoreWeave, Inc.", LEI, LocalDate.parse("2025-01-01")))
                .when(new RegisterCounterpartyCommand("coreweave", "CoreWeave, Inc.", LEI))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_corrected_legal_name_is_recorded_as_a_change_and_the_original_stays() {
        fixture.given(new CounterpartyRegisteredEvent(
                        "coreweave", "Coreweave Inc", null, LocalDate.parse("2025-01-01")))
                .when(new RegisterCounterpartyCommand("coreweave", "CoreWeave, Inc.", null))
                .expectEvents(new CounterpartyDetailsChangedEvent("coreweave", "CoreWeave, Inc.", null, TODAY));
    }

    @Test
    void an_added_lei_is_recorded_as_a_change() {
        fixture.given(new CounterpartyRegisteredEvent(
                        "coreweave", "CoreWeave, Inc.", null, LocalDate.parse("2025-01-01")))
                .when(new RegisterCounterpartyCommand("coreweave", "CoreWeave, Inc.", LEI))
                .expectEvents(new CounterpartyDetailsChangedEvent("coreweave", "CoreWeave, Inc.", LEI, TODAY));
    }

    @Test
    void details_compare_against_the_latest_correction_not_the_original_registration() {
        fixture.given(
                        new CounterpartyRegisteredEvent(
                                "coreweave", "Coreweave Inc", null, LocalDate.parse("2025-01-01")),
                        new CounterpartyDetailsChangedEvent(
                                "coreweave", "CoreWeave, Inc.", null, LocalDate.parse("2025-06-01")))
                .when(new RegisterCounterpartyCommand("coreweave", "CoreWeave, Inc.", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}

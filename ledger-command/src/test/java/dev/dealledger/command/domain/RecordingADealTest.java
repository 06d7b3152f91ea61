package dev.dealledger.command.domain;

import static dev.dealledger.command.domain.DealFixtures.AGREEMENT;
import static dev.dealledger.command.domain.DealFixtures.DEAL;
import static dev.dealledger.command.domain.DealFixtures.SIGNED_2025;
import static dev.dealledger.command.domain.DealFixtures.dealFixture;
import static dev.dealledger.command.domain.DealFixtures.dealRecorded;
import static dev.dealledger.command.domain.DealFixtures.recordDeal;

import dev.dealledger.api.Direction;
import dev.dealledger.api.command.RecordDealCommand;
import dev.dealledger.api.event.DealRecordedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingADealTest {

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = dealFixture();
    }

    @Test
    void a_deal_under_a_known_agreement_is_recorded_with_the_agreements_counterparty() {
        fixture.givenNoPriorActivity().when(recordDeal("USD")).expectEvents(dealRecorded("USD"));
    }

    @Test
    void the_deal_holds_from_its_signing_date() {
        fixture.givenNoPriorActivity()
                .when(new RecordDealCommand(
                        "of-2026-04",
                        AGREEMENT,
                        Direction.RECEIVABLE,
                        "USD",
                        "Order form 2026-04",
                        DealFixtures.SIGNED_2026,
                        null))
                .expectEvents(new DealRecordedEvent(
                        "of-2026-04",
                        AGREEMENT,
                        DealFixtures.COUNTERPARTY,
                        Direction.RECEIVABLE,
                        "USD",
                        "Order form 2026-04",
                        DealFixtures.SIGNED_2026,
                        null,
                        DealFixtures.SIGNED_2026));
    }

    @Test
    void a_deal_under_an_unknown_agreement_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RecordDealCommand(
                        DEAL, "msa-nobody-signed", Direction.PAYABLE, "USD", "Order form", SIGNED_2025, null))
                .expectException(Invalid.UnknownAgreementException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JPY", "EUR", "KWD"})
    void a_deal_in_any_iso_4217_currency_with_a_minor_unit_is_recorded(String currency) {
        fixture.givenNoPriorActivity().when(recordDeal(currency)).expectEvents(dealRecorded(currency));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "usd", "US", "USDT", "", "XAU", "XXX"})
    void a_currency_that_is_not_an_iso_4217_code_with_a_minor_unit_is_refused(String currency) {
        fixture.givenNoPriorActivity()
                .when(recordDeal(currency))
                .expectException(Invalid.InvalidCurrencyException.class)
                .expectNoEvents();
    }

    @Test
    void a_deal_without_a_currency_is_refused() {
        fixture.givenNoPriorActivity()
                .when(recordDeal(null))
                .expectException(Invalid.InvalidCurrencyException.class)
                .expectNoEvents();
    }
}

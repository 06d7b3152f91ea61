package dev.dealledger.command.domain;

import static dev.dealledger.command.domain.DealFixtures.COUNTERPARTY;
import static dev.dealledger.command.domain.DealFixtures.date;

import dev.dealledger.api.command.SignAgreementCommand;
import dev.dealledger.api.event.AgreementSignedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SigningAnAgreementTest {

    private AggregateTestFixture<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agreement.class);
        fixture.registerInjectableResource(DealFixtures.KnownRecords.none().counterparty(COUNTERPARTY));
    }

    @Test
    void an_agreement_with_a_registered_counterparty_holds_from_its_signing_date() {
        fixture.givenNoPriorActivity()
                .when(new SignAgreementCommand(
                        "msa-2023", COUNTERPARTY, "Master services agreement", date("2023-12-01")))
                .expectEvents(new AgreementSignedEvent(
                        "msa-2023", COUNTERPARTY, "Master services agreement", date("2023-12-01"), date("2023-12-01")));
    }

    @Test
    void an_agreement_with_an_unknown_counterparty_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new SignAgreementCommand(
                        "msa-2023", "counterparty-nobody-registered", "Master services agreement", date("2023-12-01")))
                .expectException(Invalid.UnknownCounterpartyException.class)
                .expectNoEvents();
    }
}

package dev.dealledger.api.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A master services agreement with one counterparty was signed; it holds from {@code signedOn}.
 *
 * <p>Revision 2 carries {@code effectiveDate} in the payload like every other fact; revision 1 did not (its effective
 * date was its signing date), and {@link dev.dealledger.api.event.upcast.AgreementSignedEventUpcaster} fills it in.
 */
@Revision("2")
public record AgreementSignedEvent(
        String agreementId, String counterpartyId, String title, LocalDate signedOn, LocalDate effectiveDate)
        implements LedgerEvent {}

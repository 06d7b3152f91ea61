package dev.dealledger.command.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.SignAgreementCommand;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

@RolesAllowed(Roles.WRITER)
@Path("/api/v1/agreements")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgreementResource {

    @Inject
    LedgerWriter writer;

    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "201",
            responseDescription = "The agreement was recorded.")
    @POST
    public Response sign(
            @HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull Requests.AgreementRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "POST agreement",
                body,
                idempotencyKey,
                body.agreementId(),
                new SignAgreementCommand(body.agreementId(), body.counterpartyId(), body.title(), body.signedOn()),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().agreement(body.agreementId()).counterparty(body.counterpartyId()),
                201));
    }
}

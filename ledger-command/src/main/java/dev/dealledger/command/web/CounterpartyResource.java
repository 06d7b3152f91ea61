package dev.dealledger.command.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.RegisterCounterpartyCommand;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

@RolesAllowed(Roles.WRITER)
@Path("/api/v1/counterparties")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CounterpartyResource {

    @Inject
    LedgerWriter writer;

    /** Registers the counterparty, or records a correction of its details; the same details again record nothing. */
    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "200",
            responseDescription = "The counterparty as now recorded.")
    @PUT
    @Path("/{counterpartyId}")
    public Response put(
            @PathParam("counterpartyId") @Pattern(regexp = InputRules.ID) String counterpartyId,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull Requests.CounterpartyRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "PUT counterparty " + counterpartyId,
                body,
                idempotencyKey,
                counterpartyId,
                new RegisterCounterpartyCommand(counterpartyId, body.legalName(), body.lei()),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().counterparty(counterpartyId),
                200));
    }
}

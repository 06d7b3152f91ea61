package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.query.read.LedgerReads;
import dev.dealledger.query.read.MalformedRead;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/restatements")
@Produces(MediaType.APPLICATION_JSON)
public class RestatementResource {

    @Inject
    ReadParams params;

    @Inject
    LedgerReads reads;

    /** counterpartyId, from and to are required (checked below, answered 400 when missing), as the contract says. */
    @GET
    public RestatementView restatement(
            @Parameter(required = true) @QueryParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @Parameter(required = true) @QueryParam("from") String from,
            @Parameter(required = true) @QueryParam("to") String to,
            @QueryParam("reportingCurrency") String reportingCurrency,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        if (counterpartyId == null || counterpartyId.isBlank()) {
            throw new MalformedRead("counterpartyId", "counterpartyId is required");
        }
        if (from == null || to == null) {
            throw new MalformedRead(from == null ? "from" : "to", "from and to (UTC instants) are required");
        }
        Instant fromInstant = ReadParams.instant("from", from);
        Instant toInstant = ReadParams.instant("to", to);
        if (!fromInstant.isBefore(toInstant)) {
            throw new MalformedRead("from", "from must be before to");
        }
        return reads.restatement(
                counterpartyId,
                params.asOf(asOf),
                fromInstant,
                // The window's end is what the restatement knows: like any knownAt, only once it is settled.
                params.settled("to", toInstant, params.minPosition(minPosition)),
                ReadParams.reportingCurrency(reportingCurrency));
    }
}

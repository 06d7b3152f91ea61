package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.ChainVerifier;
import dev.dealledger.query.read.NotRecorded;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** Recomputes one deal's hash chain from the event table and names the first broken event, if any. */
@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/deals/{dealId}/verification")
@Produces(MediaType.APPLICATION_JSON)
public class DealVerificationResource {

    @Inject
    ActiveDataSource dataSource;

    /** The verdict for one deal's stream. */
    public record DealVerification(
            String dealId,
            boolean ok,
            long eventsChecked,
            Long firstBrokenPosition,
            Long firstBrokenSequenceNumber,
            String reason,
            Instant verifiedAt) {}

    @GET
    public DealVerification verify(@PathParam("dealId") String dealId) {
        ChainVerifier.Result result = new ChainVerifier(dataSource).verify(dealId);
        if (result.eventsChecked() == 0) {
            throw new NotRecorded("no deal '" + dealId + "' is recorded");
        }
        return new DealVerification(
                result.aggregateId(),
                result.ok(),
                result.eventsChecked(),
                result.firstBroken().map(ChainVerifier.Broken::position).orElse(null),
                result.firstBroken().map(ChainVerifier.Broken::sequenceNumber).orElse(null),
                result.firstBroken().map(ChainVerifier.Broken::reason).orElse(null),
                Instant.now());
    }
}

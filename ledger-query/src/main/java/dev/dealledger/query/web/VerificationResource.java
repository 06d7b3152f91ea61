package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.ChainVerifier;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * Proof that the history was not rewritten: recomputes the SHA-256 chain of stored events straight from the event
 * table (not from the read models) and reports the first broken event.
 */
@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/verification")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

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

    /** The verdict for the whole ledger: every aggregate whose chain is broken. */
    public record LedgerVerification(boolean ok, List<DealVerification> broken, Instant verifiedAt) {}

    @GET
    public LedgerVerification ledger() {
        List<DealVerification> broken = new ChainVerifier(dataSource)
                .verifyAll().stream().map(VerificationResource::view).toList();
        return new LedgerVerification(broken.isEmpty(), broken, Instant.now());
    }

    static DealVerification view(ChainVerifier.Result r) {
        return new DealVerification(
                r.aggregateId(),
                r.ok(),
                r.eventsChecked(),
                r.firstBroken().map(ChainVerifier.Broken::position).orElse(null),
                r.firstBroken().map(ChainVerifier.Broken::sequenceNumber).orElse(null),
                r.firstBroken().map(ChainVerifier.Broken::reason).orElse(null),
                Instant.now());
    }
}

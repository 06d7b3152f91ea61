package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.query.processing.ProjectionProgress;
import dev.dealledger.query.read.PeriodReads;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;

/** A closed period as reported and as restated (docs/domain.md, "Period close"). */
@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/periods")
@Produces(MediaType.APPLICATION_JSON)
public class PeriodReadResource {

    @Inject
    ReadParams params;

    @Inject
    PeriodReads periods;

    @Inject
    ProjectionProgress progress;

    @GET
    @Path("/{periodEnd}")
    public PeriodView period(
            @PathParam("periodEnd") String periodEnd,
            @QueryParam("knownAt") String knownAt,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        LocalDate end = ReadParams.date("periodEnd", periodEnd);
        Instant known = params.knownAt(knownAt, minPosition);
        if (periods.awaitsReport(end, known)) {
            // The figures as reported are those known at the close's instant: derived only once the read models hold
            // every fact recorded by then. The close is projected, so it is committed, and so is every fact of its
            // instant (they commit together, docs/adr/0004); the log head bounds them all. Every segment must reach
            // it: the others may still be behind the one that projected the close.
            params.settledAt(progress.headPosition());
            PeriodReads.Report report = periods.deriveReport(end);
            try {
                periods.store(report);
            } catch (RuntimeException e) {
                // Another read stored them first (the insert met its key): what it stored is read below. Anything
                // else has stored nothing, and is thrown.
                if (periods.awaitsReport(end, known)) {
                    throw e;
                }
            }
        }
        return periods.period(end, known);
    }
}

package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.query.read.LedgerReads;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/counterparties/{counterpartyId}")
@Produces(MediaType.APPLICATION_JSON)
public class CounterpartyReadResource {

    @Inject
    ReadParams params;

    @Inject
    LedgerReads reads;

    @GET
    @Path("/totals")
    public CounterpartyTotalsView totals(
            @PathParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("reportingCurrency") String reportingCurrency,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        return reads.totals(
                counterpartyId,
                params.asOf(asOf),
                params.knownAt(knownAt, minPosition),
                ReadParams.reportingCurrency(reportingCurrency));
    }

    /** The totals without a reporting currency, as the console reads them. */
    public CounterpartyTotalsView totals(String counterpartyId, String asOf, String knownAt, String minPosition) {
        return totals(counterpartyId, asOf, knownAt, null, minPosition);
    }

    @GET
    @Path("/schedule")
    public ScheduleView schedule(
            @PathParam("counterpartyId") String counterpartyId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("reportingCurrency") String reportingCurrency,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        return reads.schedule(
                counterpartyId,
                params.asOf(asOf),
                params.knownAt(knownAt, minPosition),
                ReadParams.reportingCurrency(reportingCurrency));
    }

    /** The schedule without a reporting currency, as the console reads it. */
    public ScheduleView schedule(String counterpartyId, String asOf, String knownAt, String minPosition) {
        return schedule(counterpartyId, asOf, knownAt, null, minPosition);
    }
}

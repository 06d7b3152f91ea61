package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DealHistoryView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.HistoryFactView;
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
import jakarta.ws.rs.core.Response;
import java.util.List;

@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/deals/{dealId}")
public class DealReadResource {

    /** The columns of the history CSV. New ones go last, so that a reader taking columns by position keeps working. */
    static final List<String> HISTORY_CSV_COLUMNS = List.of(
            "position",
            "eventType",
            "effectiveDate",
            "recordedAt",
            "actor",
            "reason",
            "sourceReference",
            "payload",
            "sourceDocumentSha256",
            "postCloseAdjustment");

    @Inject
    ReadParams params;

    @Inject
    LedgerReads reads;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DealView deal(
            @PathParam("dealId") String dealId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        return reads.deal(dealId, params.asOf(asOf), params.knownAt(knownAt, minPosition));
    }

    /**
     * Every fact of the deal recorded by knownAt, in recorded order. asOf is optional here: when given, facts
     * effective after it are left out; when absent, future-dated facts are shown too and asOf is echoed as null.
     */
    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    public DealHistoryView history(
            @PathParam("dealId") String dealId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        return reads.history(
                dealId,
                params.page(asOf, knownAt, cursor, true, minPosition, "history/" + dealId),
                ReadParams.limit(limit));
    }

    @GET
    @Path("/history")
    // qs: a client accepting JSON and CSV alike (the generated client does) gets JSON.
    @Produces("text/csv;qs=0.5")
    public Response historyCsv(
            @PathParam("dealId") String dealId,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        DealHistoryView view = history(dealId, asOf, knownAt, cursor, limit, minPosition);
        StringBuilder out = new StringBuilder(Csv.line(HISTORY_CSV_COLUMNS));
        for (HistoryFactView f : view.facts()) {
            out.append(Csv.line(java.util.Arrays.asList(
                    f.position(),
                    f.eventType(),
                    f.effectiveDate(),
                    f.recordedAt(),
                    f.actor(),
                    f.reason(),
                    f.sourceReference(),
                    f.payload().toString(),
                    f.sourceDocumentSha256(),
                    f.postCloseAdjustment())));
        }
        Response.ResponseBuilder response =
                Response.ok(out.toString(), "text/csv").header("X-Ledger-Known-At", view.knownAt());
        if (view.nextCursor() != null) {
            response.header("X-Ledger-Next-Cursor", view.nextCursor());
        }
        return response.build();
    }
}

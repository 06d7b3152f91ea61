package dev.dealledger.query.web;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.ReportingView;
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
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/exposure")
public class ExposureResource {

    static final List<String> CSV_COLUMNS = List.of(
            "counterpartyId",
            "legalName",
            "currency",
            "direction",
            "committed",
            "elapsed",
            "remaining",
            "potential",
            "exposure",
            "concentration",
            "deals",
            "commitments",
            "optionsOpen",
            "optionsExercised",
            "amendments");

    @Inject
    ReadParams params;

    @Inject
    LedgerReads reads;

    /** Appended to {@link #CSV_COLUMNS} in a read with a reporting currency. */
    static final List<String> CSV_REPORTING_COLUMNS = List.of(
            "reportingCurrency",
            "reportingCommitted",
            "reportingElapsed",
            "reportingRemaining",
            "reportingPotential",
            "reportingExposure",
            "reportingConcentration");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ExposureView json(
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("direction") String direction,
            @QueryParam("currency") String currency,
            @QueryParam("reportingCurrency") String reportingCurrency,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        return reads.exposure(
                params.page(
                        asOf,
                        knownAt,
                        cursor,
                        false,
                        minPosition,
                        // The filters as sent: a page under others would not continue the same rows.
                        String.join("/", "exposure", text(direction), text(currency), text(reportingCurrency))),
                direction(direction),
                currency(currency),
                ReadParams.limit(limit),
                ReadParams.reportingCurrency(reportingCurrency));
    }

    private static String text(String parameter) {
        return parameter == null ? "" : parameter.trim();
    }

    /** The exposure without a reporting currency, as the console reads it. */
    public ExposureView json(
            String asOf,
            String knownAt,
            String direction,
            String currency,
            String cursor,
            String limit,
            String minPosition) {
        return json(asOf, knownAt, direction, currency, null, cursor, limit, minPosition);
    }

    @GET
    // qs: a client accepting JSON and CSV alike (the generated client does) gets JSON.
    @Produces("text/csv;qs=0.5")
    public Response csv(
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @QueryParam("direction") String direction,
            @QueryParam("currency") String currency,
            @QueryParam("reportingCurrency") String reportingCurrency,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        ExposureView view = json(asOf, knownAt, direction, currency, reportingCurrency, cursor, limit, minPosition);
        boolean reporting = ReadParams.reportingCurrency(reportingCurrency) != null;
        List<String> columns = new ArrayList<>(CSV_COLUMNS);
        if (reporting) {
            columns.addAll(CSV_REPORTING_COLUMNS);
        }
        StringBuilder out = new StringBuilder(Csv.line(columns));
        for (ExposureRowView r : view.rows()) {
            List<Object> cells = new ArrayList<>(List.of(
                    r.counterpartyId(),
                    r.legalName() == null ? "" : r.legalName(),
                    r.currency(),
                    r.direction(),
                    r.committed(),
                    r.elapsed(),
                    r.remaining(),
                    r.potential(),
                    r.exposure(),
                    r.concentration(),
                    r.deals(),
                    r.commitments(),
                    r.optionsOpen(),
                    r.optionsExercised(),
                    r.amendments()));
            if (reporting) {
                ReportingView c = r.reporting();
                cells.addAll(List.of(
                        c.currency(),
                        c.committed(),
                        c.elapsed(),
                        c.remaining(),
                        c.potential(),
                        c.exposure(),
                        c.concentration()));
            }
            out.append(Csv.line(cells));
        }
        Response.ResponseBuilder response = Response.ok(out.toString(), "text/csv")
                .header("X-Ledger-As-Of", view.asOf())
                .header("X-Ledger-Known-At", view.knownAt());
        if (view.nextCursor() != null) {
            response.header("X-Ledger-Next-Cursor", view.nextCursor());
        }
        return response.build();
    }

    static Direction direction(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Direction.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedRead("direction", "direction must be PAYABLE or RECEIVABLE");
        }
    }

    static String currency(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("[A-Z]{3}")) {
            throw new MalformedRead("currency", "currency must be an ISO 4217 code like USD");
        }
        return value;
    }
}

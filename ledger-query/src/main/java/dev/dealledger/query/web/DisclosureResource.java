package dev.dealledger.query.web;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.query.read.Disclosures;
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
import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The disclosure schedules of docs/domain.md ("Financial reporting"), as JSON and as CSV. */
@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1/disclosures/obligations")
public class DisclosureResource {

    /**
     * One line per amount, so the columns stay fixed whatever the fiscal calendar: {@code shape} is {@code fiscalYear},
     * {@code band} or {@code total}, and {@code period} names the fiscal year ({@code FY2027}, {@code thereafter}), the
     * band ({@code withinOneYear} ...) or {@code total}.
     */
    static final List<String> CSV_COLUMNS = List.of("currency", "shape", "period", "amount");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MONTH_DAY = Pattern.compile("\\d{2}-\\d{2}");

    @ConfigProperty(name = "ledger.disclosures.fiscal-year-end", defaultValue = "12-31")
    String defaultFiscalYearEnd;

    @Inject
    ReadParams params;

    @Inject
    Disclosures disclosures;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DisclosureView json(
            @Parameter(required = true) @QueryParam("direction") String direction,
            @QueryParam("counterpartyId") String counterpartyId,
            @QueryParam("currency") String currency,
            @QueryParam("fiscalYearEnd") String fiscalYearEnd,
            @QueryParam("reportingCurrency") String reportingCurrency,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        Direction side = ExposureResource.direction(direction);
        if (side == null) {
            throw new MalformedRead("direction", "direction is required: PAYABLE or RECEIVABLE");
        }
        MonthDay yearEnd =
                fiscalYearEnd(fiscalYearEnd == null || fiscalYearEnd.isBlank() ? defaultFiscalYearEnd : fiscalYearEnd);
        return disclosures.obligations(
                side,
                counterpartyId(counterpartyId),
                ExposureResource.currency(currency),
                params.asOf(asOf),
                params.knownAt(knownAt, minPosition),
                yearEnd,
                ReadParams.reportingCurrency(reportingCurrency));
    }

    @GET
    // qs: a client accepting JSON and CSV alike (the generated client does) gets JSON.
    @Produces("text/csv;qs=0.5")
    public Response csv(
            @Parameter(required = true) @QueryParam("direction") String direction,
            @QueryParam("counterpartyId") String counterpartyId,
            @QueryParam("currency") String currency,
            @QueryParam("fiscalYearEnd") String fiscalYearEnd,
            @QueryParam("reportingCurrency") String reportingCurrency,
            @QueryParam("asOf") String asOf,
            @QueryParam("knownAt") String knownAt,
            @HeaderParam("X-Ledger-Min-Position") String minPosition) {
        DisclosureView view =
                json(direction, counterpartyId, currency, fiscalYearEnd, reportingCurrency, asOf, knownAt, minPosition);
        StringBuilder out = new StringBuilder(Csv.line(CSV_COLUMNS));
        for (DisclosureView.Row r : view.rows()) {
            for (DisclosureView.FiscalYearAmount y : r.fiscalYears()) {
                out.append(Csv.line(List.of(r.currency(), "fiscalYear", "FY" + y.fiscalYear(), y.amount())));
            }
            out.append(Csv.line(List.of(r.currency(), "fiscalYear", "thereafter", r.thereafter())));
            DisclosureView.Bands b = r.bands();
            out.append(Csv.line(List.of(r.currency(), "band", "withinOneYear", b.withinOneYear())));
            out.append(Csv.line(List.of(r.currency(), "band", "oneToThreeYears", b.oneToThreeYears())));
            out.append(Csv.line(List.of(r.currency(), "band", "threeToFiveYears", b.threeToFiveYears())));
            out.append(Csv.line(List.of(r.currency(), "band", "afterFiveYears", b.afterFiveYears())));
            out.append(Csv.line(List.of(r.currency(), "total", "total", r.total())));
        }
        return Response.ok(out.toString(), "text/csv")
                .header("X-Ledger-As-Of", view.asOf())
                .header("X-Ledger-Known-At", view.knownAt())
                .build();
    }

    /** The fiscal calendar of a disclosure that names none ({@code ledger.disclosures.fiscal-year-end}). */
    public MonthDay defaultFiscalYearEnd() {
        return fiscalYearEnd(defaultFiscalYearEnd);
    }

    private static String counterpartyId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ID.matcher(value).matches()) {
            throw new MalformedRead("counterpartyId", "counterpartyId must be an id like coreweave");
        }
        return value;
    }

    static MonthDay fiscalYearEnd(String value) {
        if (MONTH_DAY.matcher(value).matches()) {
            try {
                return MonthDay.of(Integer.parseInt(value.substring(0, 2)), Integer.parseInt(value.substring(3)));
            } catch (DateTimeException e) {
                // falls through to the refusal below
            }
        }
        throw new MalformedRead(
                "fiscalYearEnd",
                "fiscalYearEnd must be a month and day like 12-31 or 06-30 (02-29 means February's last day)");
    }
}

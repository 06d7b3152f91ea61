package dev.dealledger.command.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.RecordExchangeRateCommand;
import dev.dealledger.command.domain.Invalid;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** Exchange rates as facts (docs/domain.md, "Reporting currency"). */
@RolesAllowed(Roles.WRITER)
@Path("/api/v1/fx-rates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FxRateResource {

    @Inject
    LedgerWriter writer;

    /** Records the rate of a pair for a date, or a correction of it; the same rate and source again record nothing. */
    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "200",
            responseDescription = "The rate as now recorded.")
    @PUT
    @Path("/{baseCurrency}/{quoteCurrency}/{rateDate}")
    public Response put(
            @PathParam("baseCurrency") @Pattern(regexp = InputRules.CURRENCY) String baseCurrency,
            @PathParam("quoteCurrency") @Pattern(regexp = InputRules.CURRENCY) String quoteCurrency,
            @PathParam("rateDate") @Pattern(regexp = InputRules.DATE) String rateDate,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull Requests.FxRateRequest body) {
        LocalDate date = date(rateDate);
        String rateId = RecordExchangeRateCommand.rateIdOf(baseCurrency, quoteCurrency, date);
        return writer.execute(new LedgerWriter.Write(
                "PUT fx-rate " + baseCurrency + "/" + quoteCurrency + "/" + date,
                body,
                idempotencyKey,
                rateId,
                new RecordExchangeRateCommand(
                        rateId, baseCurrency, quoteCurrency, date, new BigDecimal(body.rate()), body.source()),
                null,
                null,
                null,
                WriteReceipt.ids(),
                200));
    }

    /** Parsed here: JAX-RS answers a path parameter it cannot convert with 404, but a bad date is a bad value (422). */
    private static LocalDate date(String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid.NotACalendarDateException("rateDate", value);
        }
        if (date.isBefore(DateRange.EARLIEST) || date.isAfter(DateRange.LATEST)) {
            throw new DateRange.OutOfRangeException("rateDate");
        }
        return date;
    }
}

package dev.dealledger.command.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * Period close (docs/domain.md, "Period close"). The write records the close as a fact; the figures as reported and
 * their digest are derived by the query service, which alone holds the read models, and served at the receipt's
 * {@code Location}.
 */
@RolesAllowed(Roles.CONTROLLER)
@Path("/api/v1/periods")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PeriodResource {

    @Inject
    LedgerWriter writer;

    /** Closes the period ending on {@code periodEnd}; a second close of the same period is refused. */
    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "201",
            responseDescription = "The close as recorded; Location names the period's read on the query service.")
    @POST
    @Path("/{periodEnd}/close")
    public Response close(
            @PathParam("periodEnd") String periodEnd,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull Requests.PeriodCloseRequest body) {
        LocalDate end;
        try {
            end = LocalDate.parse(periodEnd);
        } catch (DateTimeParseException e) {
            // Answered here: JAX-RS would answer a path parameter it cannot convert with 404.
            String detail = "periodEnd must be a date like 2026-03-31";
            return ProblemMapper.respond(Problem.of(
                    "malformed-request",
                    "Malformed request",
                    400,
                    detail,
                    List.of(new Problem.FieldError("periodEnd", detail))));
        }
        if (end.isBefore(DateRange.EARLIEST) || end.isAfter(DateRange.LATEST)) {
            throw new DateRange.OutOfRangeException("periodEnd");
        }
        Response recorded = writer.execute(new LedgerWriter.Write(
                "POST period close " + end,
                body,
                idempotencyKey,
                ClosePeriodCommand.periodIdOf(end),
                new ClosePeriodCommand(ClosePeriodCommand.periodIdOf(end), end, body.reason()),
                body.reason(),
                null,
                null,
                WriteReceipt.ids(),
                201));
        // A plain header, not Response.location(): that would resolve the path against this service's own address,
        // while the period is read on the query service.
        return Response.fromResponse(recorded)
                .header("Location", "/api/v1/periods/" + end)
                .build();
    }
}

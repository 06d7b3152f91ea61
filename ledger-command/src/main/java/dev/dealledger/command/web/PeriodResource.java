package dev.dealledger.command.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.api.problem.Problem;
import dev.dealledger.axon.OrderedLog;
import dev.dealledger.command.domain.Invalid;
import dev.dealledger.command.domain.PeriodFigures;
import dev.dealledger.command.infra.EventStoreDirectory;
import dev.dealledger.command.infra.ReportedFigures;
import dev.dealledger.verify.PeriodDigest;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * Period close (docs/domain.md, "Period close"). The close is one fact holding the figures as reported and their
 * digest. This service holds no read model, so it reads the figures from the query service's exposure read, at the
 * period end as known at the last settled instant of the log, and records them with the close; the answer carries the
 * digest. If the query service cannot answer, nothing is recorded (503) and the close can be repeated.
 */
@RolesAllowed(Roles.CONTROLLER)
@Path("/api/v1/periods")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PeriodResource {

    @Inject
    LedgerWriter writer;

    @Inject
    EventStoreDirectory streams;

    @Inject
    OrderedLog log;

    @Inject
    ReportedFigures figures;

    /** The caller's own token goes with the figures' read: the close reads nothing its caller could not. */
    @Inject
    SecurityIdentity identity;

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
        String periodId = ClosePeriodCommand.periodIdOf(end);
        ClosePeriodCommand command;
        WriteReceipt.Builder ids = WriteReceipt.ids();
        if (streams.streamExists(periodId)) {
            // A repeat: the writer answers it from the idempotency record if its key recorded the close, and the
            // aggregate refuses it otherwise, before it looks at any figure. Reading figures for it would only make a
            // repeat fail with 503 whenever the query service is away.
            command = new ClosePeriodCommand(periodId, end, body.reason(), null, null, null);
        } else {
            // Checked here as well as in the aggregate: a period end in the future is bad input, refused as such even
            // when the query service is away.
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            if (end.isAfter(today)) {
                throw new Invalid.PeriodInFutureException(end, today);
            }
            OrderedLog.Settled settled = log.settled();
            List<PeriodClosedEvent.ReportedRow> rows =
                    figures.exposure(end, settled.recordedAt(), settled.position(), bearer());
            String digest = PeriodFigures.digest(end, settled.recordedAt(), rows);
            command = new ClosePeriodCommand(periodId, end, body.reason(), settled.recordedAt(), digest, rows);
            ids.period(settled.recordedAt(), PeriodDigest.ENCODING, digest);
        }
        Response recorded = writer.execute(new LedgerWriter.Write(
                "POST period close " + end,
                body,
                idempotencyKey,
                periodId,
                command,
                body.reason(),
                null,
                null,
                ids,
                201));
        // A plain header, not Response.location(): that would resolve the path against this service's own address,
        // while the period is read on the query service.
        return Response.fromResponse(recorded)
                .header("Location", "/api/v1/periods/" + end)
                .build();
    }

    /** The caller's bearer token; none when the caller was not authenticated by one (tests' stand-in identities). */
    private String bearer() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getRawToken() != null) {
            return "Bearer " + jwt.getRawToken();
        }
        return null;
    }
}

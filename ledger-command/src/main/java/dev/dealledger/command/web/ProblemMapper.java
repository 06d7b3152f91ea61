package dev.dealledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.dealledger.api.problem.Problem;
import dev.dealledger.axon.DatabaseUnavailable;
import dev.dealledger.axon.UniqueViolation;
import dev.dealledger.axon.security.SubjectRateLimit;
import dev.dealledger.command.domain.LedgerRuleException;
import dev.dealledger.command.infra.ReportedFigures;
import dev.dealledger.command.write.IdempotencyKeyReusedException;
import dev.dealledger.command.write.WriteBatcher;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves the command service as {@code application/problem+json}. Refusals are classified by walking the
 * cause chain, because Axon and JAX-RS may wrap the exception that names the rule.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    static final int RETRY_AFTER_SECONDS = 5;

    /** 429, not 503: the subject's own request rate is at fault, and the service can still serve everyone else. */
    @ServerExceptionMapper
    public Response rateLimited(SubjectRateLimit.RateLimited e) {
        return Response.fromResponse(respond(Problem.of("rate-limited", "Too many requests", 429, e.getMessage())))
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }

    /**
     * A close records figures only the query service derives; while it cannot give them, nothing is recorded and the
     * close can simply be repeated.
     */
    @ServerExceptionMapper
    public Response figuresUnavailable(ReportedFigures.UnavailableException e) {
        LOG.warn("period close refused: " + e.getMessage());
        return respond(Problem.of(
                "figures-unavailable",
                "Figures unavailable",
                503,
                "the figures as reported could not be read from the query service; nothing was recorded, retry later"));
    }

    @ServerExceptionMapper
    public Response figuresNotAllowed(ReportedFigures.NotAllowedException e) {
        return respond(Problem.of("forbidden", "Forbidden", 403, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(
                Problem.of("validation", "Invalid request values", 422, "the request has invalid values", errors));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable json = find(e, JsonProcessingException.class);
        if (json != null) {
            return malformed((JsonProcessingException) json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return any(e);
        }
        return respond(Problem.of(
                "http-" + status,
                Response.Status.fromStatusCode(status) == null
                        ? "Request refused"
                        : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status,
                e.getMessage()));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(classify(e));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return respond(classify(e));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(classify(e));
    }

    @ServerExceptionMapper
    public Response any(Exception e) {
        return respond(classify(e));
    }

    static Problem classify(Throwable e) {
        if (find(e, AuthenticationFailedException.class) != null || find(e, UnauthorizedException.class) != null) {
            return Problem.of("unauthorized", "Unauthorized", 401, "a valid bearer token is required");
        }
        if (find(e, ForbiddenException.class) != null) {
            return Problem.of("forbidden", "Forbidden", 403, "the token's roles do not allow this operation");
        }
        LedgerRuleException rule = find(e, LedgerRuleException.class);
        if (rule != null) {
            int status = switch (rule.kind()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case INVALID -> 422;
            };
            List<Problem.FieldError> errors =
                    rule.field() == null ? null : List.of(new Problem.FieldError(rule.field(), rule.getMessage()));
            return Problem.of(rule.type(), title(rule), status, rule.getMessage(), errors);
        }
        if (find(e, IdempotencyKeyReusedException.class) != null) {
            return Problem.of("idempotency-key-reused", "Idempotency key reused", 409, e.getMessage());
        }
        if (find(e, IdempotencyKeys.MalformedKeyException.class) != null) {
            return Problem.of("malformed-idempotency-key", "Malformed Idempotency-Key", 400, e.getMessage());
        }
        DateRange.OutOfRangeException range = find(e, DateRange.OutOfRangeException.class);
        if (range != null) {
            return Problem.of(
                    "validation",
                    "Invalid request values",
                    422,
                    "the request has invalid values",
                    List.of(new Problem.FieldError(range.field(), range.getMessage())));
        }
        if (find(e, Preconditions.MalformedIfMatchException.class) != null) {
            return Problem.of("malformed-if-match", "Malformed If-Match", 400, e.getMessage());
        }
        if (find(e, ConflictingAggregateVersionException.class) != null) {
            return Problem.of(
                    "stale-version",
                    "Stale version",
                    409,
                    "the deal has changed since the version given in If-Match; read it again and retry");
        }
        if (find(e, IncompatibleAggregateException.class) != null) {
            return Problem.of("not-found", "Not found", 404, "the id in the path names another kind of record");
        }
        if (find(e, AggregateNotFoundException.class) != null) {
            return Problem.of(
                    "not-found",
                    "Not found",
                    404,
                    "no such " + "aggregate: "
                            + find(e, AggregateNotFoundException.class).getAggregateIdentifier());
        }
        if (find(e, ConcurrencyException.class) != null || uniqueViolation(e)) {
            return Problem.of(
                    "concurrent-write",
                    "Concurrent write",
                    409,
                    "another write to the same stream, or an existing record with this id, won; nothing was recorded");
        }
        if (databaseUnavailable(e)
                || find(e, WriteBatcher.WriterBusyException.class) != null
                || find(e, WriteBatcher.WriterStoppedException.class) != null) {
            return Problem.of("database-unavailable", "Database unavailable", 503, "the event store cannot be reached");
        }
        if (find(e, EventStoreException.class) != null) {
            LOG.error("event store failure", e);
            return Problem.of("event-store-failure", "Event store failure", 500, "the fact could not be stored");
        }
        LOG.error("unexpected failure", e);
        return Problem.of("internal", "Internal error", 500, "an unexpected error occurred; nothing was recorded");
    }

    /**
     * The JDBC event storage engine is built without a persistence exception resolver, so a duplicate (aggregate id,
     * sequence) arrives as a plain EventStoreException rather than a ConcurrencyException: an existing record with the
     * same id, or a concurrent append to the same stream, won. That is a conflict, never a server error.
     */
    static boolean uniqueViolation(Throwable e) {
        return UniqueViolation.causes(e);
    }

    /** See {@link DatabaseUnavailable#causes}. */
    static boolean databaseUnavailable(Throwable e) {
        return DatabaseUnavailable.causes(e);
    }

    private Response malformed(JsonProcessingException e) {
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "invalid value for " + path(f) + ": " + f.getValue();
        } else if (e instanceof MismatchedInputException m) {
            detail = "wrong type for " + path(m);
        } else {
            detail = "the body is not valid JSON: " + e.getOriginalMessage();
        }
        return respond(Problem.of("malformed-request", "Malformed request", 400, detail));
    }

    private static String path(MismatchedInputException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b)
                .orElse("body");
        return "'" + p + "'";
    }

    private static String title(LedgerRuleException rule) {
        String type = rule.type().replace('-', ' ');
        return Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static Response respond(Problem problem) {
        Response.ResponseBuilder builder =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            builder.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        if (problem.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }
}

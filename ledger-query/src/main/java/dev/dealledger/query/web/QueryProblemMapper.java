package dev.dealledger.query.web;

import dev.dealledger.api.problem.Problem;
import dev.dealledger.axon.DatabaseUnavailable;
import dev.dealledger.axon.security.SubjectRateLimit;
import dev.dealledger.model.money.MissingExchangeRateException;
import dev.dealledger.query.read.ExpensiveReads;
import dev.dealledger.query.read.MalformedRead;
import dev.dealledger.query.read.NotRecorded;
import dev.dealledger.query.read.RestatementTooLarge;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the query service is application/problem+json; a 5xx never answers bad input. */
public class QueryProblemMapper {

    private static final Logger LOG = Logger.getLogger(QueryProblemMapper.class);
    private static final int RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response badRequest(MalformedRead e) {
        return respond(Problem.of(
                "malformed-request",
                "Malformed request",
                400,
                e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response notFound(NotRecorded e) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage()));
    }

    /** 422: the read is well-formed, but the ledger holds no rate it could convert with; never a silent zero. */
    @ServerExceptionMapper
    public Response fxRateMissing(MissingExchangeRateException e) {
        return respond(Problem.of(
                "fx-rate-missing",
                "Exchange rate missing",
                422,
                e.getMessage(),
                List.of(new Problem.FieldError("reportingCurrency", e.getMessage()))));
    }

    /** 422: the restatement's window holds more facts than one read may walk; the caller narrows it. */
    @ServerExceptionMapper
    public Response restatementTooLarge(RestatementTooLarge e) {
        return respond(Problem.of(
                "restatement-too-large",
                "Restatement window too large",
                422,
                e.getMessage(),
                List.of(new Problem.FieldError("from", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response notCaughtUp(NotCaughtUpException e) {
        return respond(Problem.of("not-caught-up", "Read models behind", 503, e.getMessage()));
    }

    /**
     * 503, not 429: the expensive reads are bounded for the whole service, so a refusal says it is busy, not that this
     * subject asked too much (that is the rate limit's 429).
     */
    @ServerExceptionMapper
    public Response readsBusy(ExpensiveReads.ReadsBusy e) {
        return respond(Problem.of("reads-busy", "Too many ledger-wide reads", 503, e.getMessage()));
    }

    /** 429, not 503: the subject's own request rate is at fault, and the service can still serve everyone else. */
    @ServerExceptionMapper
    public Response rateLimited(SubjectRateLimit.RateLimited e) {
        return Response.fromResponse(respond(Problem.of("rate-limited", "Too many requests", 429, e.getMessage())))
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return respond(Problem.of("unauthorized", "Unauthorized", 401, "a valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return respond(Problem.of("unauthorized", "Unauthorized", 401, "a valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "the token's roles do not allow this operation"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return any(e);
        }
        String title = e instanceof NotAllowedException
                ? "Method not allowed"
                : e instanceof NotAcceptableException ? "Not acceptable" : "Request refused";
        return respond(Problem.of("http-" + status, title, status, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response any(Exception e) {
        if (databaseUnavailable(e)) {
            return respond(Problem.of(
                    "database-unavailable", "Database unavailable", 503, "the read models cannot be reached"));
        }
        LOG.error("unexpected failure", e);
        return respond(Problem.of("internal", "Internal error", 500, "an unexpected error occurred"));
    }

    /** See {@link DatabaseUnavailable#causes}. */
    static boolean databaseUnavailable(Throwable e) {
        return DatabaseUnavailable.causes(e);
    }

    private static Response respond(Problem problem) {
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

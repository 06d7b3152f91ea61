package dev.dealledger.command.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.AmendCommitmentCommand;
import dev.dealledger.api.command.ExerciseOptionCommand;
import dev.dealledger.api.command.GrantOptionCommand;
import dev.dealledger.api.command.RecordCommitmentCommand;
import dev.dealledger.api.command.RecordDealCommand;
import dev.dealledger.api.command.TerminateCommitmentCommand;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/** Order forms and everything recorded under them. Each write may carry Idempotency-Key and If-Match. */
@RolesAllowed(Roles.WRITER)
@Path("/api/v1/deals")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DealResource {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IF_MATCH = "If-Match";

    @Inject
    LedgerWriter writer;

    @APIResponseSchema(value = WriteReceipt.class, responseCode = "201", responseDescription = "The deal was recorded.")
    @POST
    public Response record(@HeaderParam(IDEMPOTENCY_KEY) String key, @Valid @NotNull Requests.DealRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "POST deal",
                body,
                key,
                body.dealId(),
                new RecordDealCommand(
                        body.dealId(),
                        body.agreementId(),
                        body.direction(),
                        body.currency(),
                        body.title(),
                        body.signedOn(),
                        body.sourceReference()),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().deal(body.dealId()).agreement(body.agreementId()),
                201));
    }

    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "201",
            responseDescription = "The commitment was recorded.")
    @POST
    @Path("/{dealId}/commitments")
    public Response commit(
            @PathParam("dealId") @Pattern(regexp = InputRules.ID) String dealId,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull Requests.CommitmentRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "POST commitment " + dealId,
                body,
                key,
                dealId,
                new RecordCommitmentCommand(
                        dealId,
                        body.commitmentId(),
                        new BigDecimal(body.amount()),
                        body.termStart(),
                        body.termEnd(),
                        body.resource(),
                        body.effectiveDate(),
                        Preconditions.expectedVersion(ifMatch)),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().deal(dealId).commitment(body.commitmentId()),
                201));
    }

    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "201",
            responseDescription = "The option was recorded.")
    @POST
    @Path("/{dealId}/options")
    public Response grant(
            @PathParam("dealId") @Pattern(regexp = InputRules.ID) String dealId,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull Requests.OptionRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "POST option " + dealId,
                body,
                key,
                dealId,
                new GrantOptionCommand(
                        dealId,
                        body.optionId(),
                        new BigDecimal(body.maxAmount()),
                        body.exercisableFrom(),
                        body.expiresOn(),
                        body.effectiveDate(),
                        Preconditions.expectedVersion(ifMatch)),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().deal(dealId).option(body.optionId()),
                201));
    }

    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "201",
            responseDescription = "The exercise and the new commitment were recorded.")
    @POST
    @Path("/{dealId}/options/{optionId}/exercise")
    public Response exercise(
            @PathParam("dealId") @Pattern(regexp = InputRules.ID) String dealId,
            @PathParam("optionId") @Pattern(regexp = InputRules.ID) String optionId,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull Requests.ExerciseRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "POST exercise " + dealId + "/" + optionId,
                body,
                key,
                dealId,
                new ExerciseOptionCommand(
                        dealId,
                        optionId,
                        body.commitmentId(),
                        new BigDecimal(body.amount()),
                        body.termStart(),
                        body.termEnd(),
                        body.resource(),
                        body.effectiveDate(),
                        Preconditions.expectedVersion(ifMatch)),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().deal(dealId).option(optionId).commitment(body.commitmentId()),
                201));
    }

    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "201",
            responseDescription = "The amendment was recorded.")
    @POST
    @Path("/{dealId}/commitments/{commitmentId}/amendments")
    public Response amend(
            @PathParam("dealId") @Pattern(regexp = InputRules.ID) String dealId,
            @PathParam("commitmentId") @Pattern(regexp = InputRules.ID) String commitmentId,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull Requests.AmendmentRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "POST amendment " + dealId + "/" + commitmentId,
                body,
                key,
                dealId,
                new AmendCommitmentCommand(
                        dealId,
                        commitmentId,
                        body.amendmentId(),
                        body.amountDelta() == null ? null : new BigDecimal(body.amountDelta()),
                        body.newTermEnd(),
                        body.effectiveDate(),
                        body.reason(),
                        Preconditions.expectedVersion(ifMatch)),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().deal(dealId).commitment(commitmentId).amendment(body.amendmentId()),
                201));
    }

    @APIResponseSchema(
            value = WriteReceipt.class,
            responseCode = "201",
            responseDescription = "The termination was recorded.")
    @POST
    @Path("/{dealId}/commitments/{commitmentId}/termination")
    public Response terminate(
            @PathParam("dealId") @Pattern(regexp = InputRules.ID) String dealId,
            @PathParam("commitmentId") @Pattern(regexp = InputRules.ID) String commitmentId,
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam(IF_MATCH) String ifMatch,
            @Valid @NotNull Requests.TerminationRequest body) {
        return writer.execute(new LedgerWriter.Write(
                "POST termination " + dealId + "/" + commitmentId,
                body,
                key,
                dealId,
                new TerminateCommitmentCommand(
                        dealId,
                        commitmentId,
                        body.effectiveDate(),
                        body.reason(),
                        Preconditions.expectedVersion(ifMatch)),
                body.reason(),
                body.sourceReference(),
                body.sourceDocumentSha256(),
                WriteReceipt.ids().deal(dealId).commitment(commitmentId),
                201));
    }
}

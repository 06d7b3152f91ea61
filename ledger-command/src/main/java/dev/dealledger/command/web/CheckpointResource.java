package dev.dealledger.command.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CheckpointView;
import dev.dealledger.axon.OrderedLog;
import dev.dealledger.verify.Checkpoint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * Signs the head of the log on demand (docs/security.md, "Tamper evidence"). Every appending transaction already
 * signs one; this gives an operator or an auditor's request a fresh signed statement of the head at a known instant,
 * for example at a period end, without recording a fact.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointResource {

    @Inject
    OrderedLog log;

    @APIResponseSchema(
            value = CheckpointView.class,
            responseCode = "201",
            responseDescription = "The checkpoint signed now, of the log's head.")
    @POST
    public Response sign() {
        OrderedLog.Held held = QuarkusTransaction.requiringNew().call(() -> {
            OrderedLog.Held h = log.hold();
            h.requestCheckpoint();
            return h;
        });
        Checkpoint c = held.checkpoint();
        if (c == null) {
            throw new IllegalStateException("the transaction committed without its checkpoint");
        }
        return Response.status(Response.Status.CREATED)
                .entity(new CheckpointView(
                        c.position(), c.firstPosition(), c.logHash(), c.signedAt(), c.keyId(), c.signature()))
                .build();
    }
}

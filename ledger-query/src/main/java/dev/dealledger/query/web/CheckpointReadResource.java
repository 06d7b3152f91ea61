package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CheckpointView;
import dev.dealledger.query.integrity.TamperEvidence;
import dev.dealledger.query.read.ExpensiveReads;
import dev.dealledger.query.read.NotRecorded;
import dev.dealledger.verify.Export;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * The published tamper evidence: the latest signed checkpoint, for an auditor to keep, and the export of the whole
 * log that the offline verifier ({@code ledger-verify}) reads with the public key.
 */
@RolesAllowed(Roles.AUDITOR)
@Path("/api/v1")
public class CheckpointReadResource {

    @Inject
    TamperEvidence evidence;

    @Inject
    ExpensiveReads expensive;

    @GET
    @Path("/checkpoints/latest")
    @Produces(MediaType.APPLICATION_JSON)
    public CheckpointView latest() {
        return evidence.latest()
                .map(VerificationResource::view)
                .orElseThrow(() -> new NotRecorded("no checkpoint is stored yet: nothing was recorded"));
    }

    @GET
    @Path("/export")
    @Produces(Export.MEDIA_TYPE)
    public Response export() {
        // The whole log streams from one snapshot: an expensive read, refused with 503 before the body starts when no
        // turn comes free, and holding its turn until the last byte.
        ExpensiveReads.Turn turn = expensive.take();
        StreamingOutput body = output -> {
            try (turn) {
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
                evidence.export(writer);
                writer.flush();
            }
        };
        return Response.ok(body, Export.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"ledger-export.ndjson\"")
                .build();
    }
}

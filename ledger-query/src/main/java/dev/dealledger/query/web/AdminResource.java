package dev.dealledger.query.web;

import dev.dealledger.api.Roles;
import dev.dealledger.query.processing.ProjectionProgress;
import dev.dealledger.query.processing.ReadModelRebuild;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Operations: rebuild the read models from the event store, and see how far the projection has come. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    ProjectionProgress progress;

    @APIResponse(
            responseCode = "202",
            description = "The rebuild has started.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            name = "RebuildStarted",
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {"status", "targetPosition"},
                                            properties = {
                                                @SchemaProperty(name = "status", type = SchemaType.STRING),
                                                @SchemaProperty(
                                                        name = "targetPosition",
                                                        type = SchemaType.INTEGER,
                                                        format = "int64")
                                            })))
    @POST
    @Path("/rebuild")
    public Response rebuild() {
        long target = rebuild.start();
        return Response.accepted(Map.of("status", "rebuilding", "targetPosition", target))
                .build();
    }

    @APIResponse(
            responseCode = "200",
            description = "The projection's progress.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            name = "ProjectionStatus",
                                            type = SchemaType.OBJECT,
                                            requiredProperties = {
                                                "headPosition",
                                                "lowestProcessedPosition",
                                                "lag",
                                                "rebuilding"
                                            },
                                            properties = {
                                                @SchemaProperty(
                                                        name = "headPosition",
                                                        type = SchemaType.INTEGER,
                                                        format = "int64"),
                                                @SchemaProperty(
                                                        name = "lowestProcessedPosition",
                                                        type = SchemaType.INTEGER,
                                                        format = "int64"),
                                                @SchemaProperty(
                                                        name = "lag",
                                                        type = SchemaType.INTEGER,
                                                        format = "int64"),
                                                @SchemaProperty(name = "rebuilding", type = SchemaType.BOOLEAN)
                                            })))
    @GET
    @Path("/projection")
    public Map<String, Object> projection() {
        long head = progress.headPosition();
        long lowest = progress.lowestPosition().orElse(0);
        return Map.of(
                "headPosition",
                head,
                "lowestProcessedPosition",
                lowest,
                "lag",
                Math.max(0, head - lowest),
                "rebuilding",
                rebuild.inProgress());
    }
}

package dev.dealledger.query.web;

import dev.dealledger.query.config.ProjectionProgress;
import dev.dealledger.query.config.ReadModelRebuild;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Operations: rebuild the read models from the event store, and see how far the projection has come. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    ProjectionProgress progress;

    @POST
    @Path("/rebuild")
    public Response rebuild() {
        long target = rebuild.start();
        return Response.accepted(Map.of("status", "rebuilding", "targetPosition", target))
                .build();
    }

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

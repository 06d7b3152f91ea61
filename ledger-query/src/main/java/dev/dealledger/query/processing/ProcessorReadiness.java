package dev.dealledger.query.processing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the projection processor runs without error and no rebuild is under way. */
@Readiness
@ApplicationScoped
public class ProcessorReadiness implements HealthCheck {

    @Inject
    QueryAxonConfiguration axon;

    @Inject
    ReadModelRebuild rebuild;

    @Override
    public HealthCheckResponse call() {
        StreamingEventProcessor processor = axon.processor();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("ledger-projection")
                .withData("running", processor.isRunning())
                .withData("error", processor.isError())
                .withData("claimedSegments", processor.processingStatus().size())
                .withData("rebuilding", rebuild.inProgress());
        boolean up = processor.isRunning() && !processor.isError() && !rebuild.inProgress();
        return builder.status(up).build();
    }
}

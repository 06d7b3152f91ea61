package dev.dealledger.query.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The processor lag the runbook relies on: the event store's head position minus the lowest position every segment's
 * token has reached, as the gauge {@code ledger_processor_lag_events}. Read from the database on each scrape, so every
 * replica reports the same, ledger-wide figure.
 */
@Startup
@ApplicationScoped
public class ProjectionMetrics {

    private static final Logger LOG = Logger.getLogger(ProjectionMetrics.class);

    @Inject
    MeterRegistry registry;

    @Inject
    ProjectionProgress progress;

    @PostConstruct
    void register() {
        Gauge.builder("ledger.processor.lag.events", this, ProjectionMetrics::lag)
                .description("Events in the event store not yet projected by every segment (head minus lowest token)")
                .register(registry);
        Gauge.builder("ledger.event.store.head.position", this, m -> m.progress.headPosition())
                .description("The newest global position in the event store")
                .register(registry);
    }

    double lag() {
        try {
            long head = progress.headPosition();
            return Math.max(0, head - progress.lowestPosition().orElse(0));
        } catch (RuntimeException e) {
            LOG.debug("lag not available", e);
            return Double.NaN;
        }
    }
}

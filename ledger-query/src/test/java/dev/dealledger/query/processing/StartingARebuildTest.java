package dev.dealledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

/** A rebuild whose token reset fails leaves the processor running and the service ready, not stopped for good. */
class StartingARebuildTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void a_failed_reset_starts_the_processor_again_and_reports_no_rebuild() {
        ReadModelRebuild rebuild = rebuildOver(processor(true));

        assertThatThrownBy(rebuild::start).hasMessageContaining("reset refused");

        assertThat(calls).containsExactly("shutDown", "resetTokens", "start");
        assertThat(rebuild.inProgress()).isFalse();
    }

    @Test
    void a_successful_reset_restarts_the_processor_from_the_beginning() {
        ReadModelRebuild rebuild = rebuildOver(processor(false));

        assertThat(rebuild.start()).isEqualTo(42);

        assertThat(calls).containsExactly("shutDown", "resetTokens", "start");
    }

    private ReadModelRebuild rebuildOver(StreamingEventProcessor processor) {
        ReadModelRebuild rebuild = new ReadModelRebuild();
        rebuild.axon = new QueryAxonConfiguration() {
            @Override
            public StreamingEventProcessor processor() {
                return processor;
            }
        };
        rebuild.progress = new ProjectionProgress() {
            @Override
            public long headPosition() {
                return 42;
            }

            @Override
            public boolean covers(long position) {
                return false;
            }
        };
        return rebuild;
    }

    private StreamingEventProcessor processor(boolean resetFails) {
        return (StreamingEventProcessor) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StreamingEventProcessor.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (resetFails && method.getName().equals("resetTokens")) {
                        throw new IllegalStateException("reset refused: a segment is still claimed");
                    }
                    return null;
                });
    }
}

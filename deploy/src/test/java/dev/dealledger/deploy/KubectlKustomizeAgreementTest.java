package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subset renderer must agree with real kustomize ({@link RealKustomize}): the base and every overlay are rendered
 * by both and compared object by object. Skipped, with that message, where no kustomize is on the PATH.
 */
@DisplayName("The Java subset renderer agrees with real kustomize, object by object")
class KubectlKustomizeAgreementTest {

    static List<String> renderings() {
        List<String> renderings = new ArrayList<>();
        renderings.add("base");
        Manifests.overlays().forEach(o -> renderings.add("overlays/" + o));
        return renderings;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    @DisplayName("renders the same objects as kustomize")
    void agreesWithKustomize(String relativeDirectory) throws IOException {
        Optional<List<String>> command = RealKustomize.command();
        Assumptions.assumeTrue(command.isPresent(), RealKustomize.MISSING);
        Path directory = Manifests.DEPLOY.resolve(relativeDirectory);

        List<Map<String, Object>> kustomize = RealKustomize.render(command.get(), directory);
        List<Map<String, Object>> subset = KustomizeSubset.render(directory);

        assertThat(kustomize).hasSizeGreaterThan(10);
        assertThat(RealKustomize.firstDifference(kustomize, subset))
                .as("first difference between kustomize and the subset renderer")
                .isNull();
    }

    @Test
    @DisplayName("the comparison notices a difference (a label the subset did not add)")
    void theComparisonNoticesADifference() {
        List<Map<String, Object>> rendered = KustomizeSubset.render(Manifests.OVERLAYS.resolve("dev"));
        List<Map<String, Object>> altered = Yaml.deepCopy(rendered);
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) Yaml.at(altered.get(3), "metadata.labels");
        labels.remove("app.kubernetes.io/instance");

        assertThat(RealKustomize.firstDifference(rendered, rendered)).isNull();
        assertThat(RealKustomize.firstDifference(rendered, altered))
                .contains("metadata.labels.app.kubernetes.io/instance");
    }
}

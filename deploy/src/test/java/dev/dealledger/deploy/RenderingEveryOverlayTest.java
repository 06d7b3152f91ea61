package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every overlay renders to the full set of objects, in its own namespace, with real image references")
class RenderingEveryOverlayTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    @Test
    @DisplayName("the overlays are exactly dev and prod")
    void theOverlaysAreDevAndProd() {
        assertThat(Manifests.overlays()).containsExactlyElementsOf(Manifests.EXPECTED_OVERLAYS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("renders every kind the ledger needs, each the expected number of times")
    void rendersEveryKind(String overlay) {
        Map<String, Long> kinds = Manifests.render(overlay).objects().stream()
                .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));

        assertThat(kinds)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "ServiceAccount", 3L,
                        "ConfigMap", 1L,
                        "Deployment", 2L,
                        "Job", 2L,
                        "Service", 4L,
                        "HorizontalPodAutoscaler", 2L,
                        "PodDisruptionBudget", 2L,
                        "NetworkPolicy", 5L,
                        "Cluster", 1L,
                        "ServiceMonitor", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("puts every object into the overlay's namespace and labels it with the overlay's instance")
    void namespacesAndLabelsEveryObject(String overlay) {
        var rendered = Manifests.render(overlay);
        String namespace = rendered.namespace();

        assertThat(namespace).isEqualTo(overlay.equals("prod") ? "deal-ledger" : "deal-ledger-" + overlay);
        assertThat(rendered.objects())
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(namespace))
                .allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                        .containsEntry("app.kubernetes.io/instance", "deal-ledger-" + overlay)
                        .containsEntry("app.kubernetes.io/part-of", "deal-ledger"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("replaces the base's bare image names with registry images of the service's own name, in the"
            + " Deployments and their migration Jobs alike")
    void setsTheImages(String overlay) {
        Map<String, String> images = Manifests.render(overlay).workloads().stream()
                .collect(Collectors.toMap(
                        Manifests.Workload::name, w -> w.container().getImage()));

        assertThat(images)
                .hasSize(4)
                .allSatisfy((workload, image) -> assertThat(image)
                        .startsWith("registry.example.com/deal-ledger/" + workload.replace("-migrate", "") + ":"));
    }

    @Test
    @DisplayName("prod patches reach their targets: larger resources, more command replicas, three database instances")
    void prodPatchesApply() {
        var prod = Manifests.render("prod");
        var dev = Manifests.render("dev");
        Function<Manifests.Rendered, String> commandMemoryLimit = r -> r.one(Deployment.class, "ledger-command")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getLimits()
                .get("memory")
                .toString();

        assertThat(commandMemoryLimit.apply(prod)).isEqualTo("1536Mi");
        assertThat(commandMemoryLimit.apply(dev)).isEqualTo("768Mi");
        assertThat(Yaml.at(prod.tree("HorizontalPodAutoscaler", "ledger-command"), "spec.minReplicas"))
                .isEqualTo(3);
        assertThat(Yaml.at(dev.tree("ConfigMap", "ledger-config"), "data.LEDGER_JSON_LOGS"))
                .isEqualTo("false");
        assertThat(Yaml.at(prod.tree("ConfigMap", "ledger-config"), "data.LEDGER_JSON_LOGS"))
                .isEqualTo("true");
    }
}

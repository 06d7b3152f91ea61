package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Each service is reachable, autoscaled within its limits, protected from disruption and scraped")
class ScalingAndMonitoringTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("every Deployment has a Service on its http port, an autoscaler and a disruption budget")
    void everyDeploymentIsCovered(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);

        for (Deployment deployment : rendered.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(podLabels(deployment))
                    .as(name + ": the selector matches the pod template")
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

            List<Service> services = rendered.all(Service.class).stream()
                    .filter(s -> podLabels(deployment)
                            .entrySet()
                            .containsAll(s.getSpec().getSelector().entrySet()))
                    .toList();
            assertThat(services).as(name + " Services").hasSize(1);
            ServicePort port = services.get(0).getSpec().getPorts().get(0);
            assertThat(port.getName()).isEqualTo("http");
            assertThat(container.getPorts())
                    .anySatisfy(p -> assertThat(p.getName())
                            .isEqualTo(port.getTargetPort().getStrVal()));

            HorizontalPodAutoscaler autoscaler = rendered.one(HorizontalPodAutoscaler.class, name);
            assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(autoscaler.getSpec().getMinReplicas())
                    .isBetween(1, autoscaler.getSpec().getMaxReplicas());
            assertThat(autoscaler.getSpec().getMetrics()).isNotEmpty();

            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(b -> IngressEvaluator.matches(b.getSpec().getSelector(), podLabels(deployment)))
                    .toList();
            assertThat(budgets).as(name + " PodDisruptionBudgets").hasSize(1);
            assertThat(budgets.get(0).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);

            assertThat(Yaml.at(rendered.tree("Deployment", name), "spec.replicas"))
                    .as(name + ": the replica count is the autoscaler's, not the manifest's")
                    .isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the query service never scales past the processor's segment count")
    void queryReplicasNeverExceedSegments(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        HorizontalPodAutoscaler query = rendered.one(HorizontalPodAutoscaler.class, "ledger-query");
        int segments = Integer.parseInt(rendered.one(ConfigMap.class, "ledger-config")
                .getData()
                .getOrDefault("LEDGER_PROCESSOR_SEGMENTS", String.valueOf(Manifests.QUERY_PROCESSOR_SEGMENTS)));

        assertThat(segments).isPositive();
        assertThat(query.getSpec().getMaxReplicas()).isLessThanOrEqualTo(segments);
    }

    @Test
    @DisplayName("the services listen on their own ports: 8081 for commands, 8082 for queries")
    void servicePorts() {
        Manifests.Rendered prod = Manifests.render("prod");

        assertThat(prod.one(Deployment.class, "ledger-command")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getPorts()
                        .get(0)
                        .getContainerPort())
                .isEqualTo(8081);
        assertThat(prod.one(Deployment.class, "ledger-query")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getPorts()
                        .get(0)
                        .getContainerPort())
                .isEqualTo(8082);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the ServiceMonitor selects both Services and scrapes /q/metrics on a port they name")
    void serviceMonitorScrapesBothServices(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        ServiceMonitor monitor = rendered.one(ServiceMonitor.class, "deal-ledger");
        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);

        assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
        List<Service> scraped = rendered.all(Service.class).stream()
                .filter(s -> IngressEvaluator.matches(
                        monitor.getSpec().getSelector(), s.getMetadata().getLabels()))
                .toList();
        assertThat(scraped)
                .extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("ledger-command", "ledger-query");
        assertThat(scraped)
                .allSatisfy(s -> assertThat(s.getSpec().getPorts())
                        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(endpoint.getPort())));
    }
}

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
import java.util.stream.Collectors;
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
    @DisplayName("every Deployment has a Service on its http port alone, a headless one on its management port alone,"
            + " an autoscaler and a disruption budget")
    void everyDeploymentIsCovered(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);

        for (Deployment deployment : rendered.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(podLabels(deployment))
                    .as(name + ": the selector matches the pod template")
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

            Map<String, Service> servicesByPort = rendered.all(Service.class).stream()
                    .filter(s -> podLabels(deployment)
                            .entrySet()
                            .containsAll(s.getSpec().getSelector().entrySet()))
                    .collect(Collectors.toMap(
                            s -> s.getSpec().getPorts().stream()
                                    .map(ServicePort::getName)
                                    .collect(Collectors.joining(",")),
                            s -> s));
            assertThat(servicesByPort)
                    .as(name + " Services, by the ports each exposes")
                    .containsOnlyKeys("http", PodPolicy.MANAGEMENT_PORT);
            assertThat(servicesByPort.get("http").getMetadata().getName()).isEqualTo(name);
            assertThat(servicesByPort.get(PodPolicy.MANAGEMENT_PORT).getSpec().getClusterIP())
                    .as(name + ": the management Service only lists the pods for Prometheus")
                    .isEqualTo("None");
            for (Service service : servicesByPort.values()) {
                ServicePort port = service.getSpec().getPorts().get(0);
                assertThat(port.getTargetPort().getStrVal()).isEqualTo(port.getName());
                assertThat(container.getPorts())
                        .anySatisfy(p -> assertThat(p.getName())
                                .isEqualTo(port.getTargetPort().getStrVal()));
            }

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
    @DisplayName("the ServiceMonitor scrapes /q/metrics on both services' management port, never the API port")
    void serviceMonitorScrapesBothServices(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        ServiceMonitor monitor = rendered.one(ServiceMonitor.class, "deal-ledger");

        assertThat(monitor.getSpec().getEndpoints())
                .singleElement()
                .satisfies(e -> assertThat(e.getPath()).isEqualTo("/q/metrics"))
                .satisfies(e -> assertThat(e.getPort()).isEqualTo(PodPolicy.MANAGEMENT_PORT));
        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
        List<Service> scraped = rendered.all(Service.class).stream()
                .filter(s -> IngressEvaluator.matches(
                        monitor.getSpec().getSelector(), s.getMetadata().getLabels()))
                .toList();
        assertThat(scraped)
                .extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("ledger-command-management", "ledger-query-management");
        assertThat(scraped)
                .allSatisfy(s -> assertThat(s.getSpec().getPorts())
                        .extracting(ServicePort::getName)
                        .containsExactly(endpoint.getPort()));
        // The job label stays the service's name, as it was when the API Services were scraped.
        assertThat(scraped)
                .extracting(
                        s -> s.getMetadata().getLabels().get(monitor.getSpec().getJobLabel()))
                .containsExactlyInAnyOrder("ledger-command", "ledger-query");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the pods serve management on the port the ConfigMap gives the services (LEDGER_MANAGEMENT_PORT)")
    void managementPortAgreesWithTheConfiguration(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String configured =
                rendered.one(ConfigMap.class, "ledger-config").getData().get("LEDGER_MANAGEMENT_PORT");

        assertThat(configured).isEqualTo("9000");
        assertThat(rendered.all(Deployment.class))
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getPorts())
                        .filteredOn(p -> PodPolicy.MANAGEMENT_PORT.equals(p.getName()))
                        .singleElement()
                        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(configured))));
    }
}

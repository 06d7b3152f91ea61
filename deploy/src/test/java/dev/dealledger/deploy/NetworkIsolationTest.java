package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.deploy.IngressEvaluator.Pod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("NetworkPolicies: only the services and their migrations reach PostgreSQL, only the ingress controller"
        + " reaches the APIs, only Prometheus the management ports")
class NetworkIsolationTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    private record Scene(
            List<NetworkPolicy> policies,
            Pod command,
            Pod query,
            List<Pod> migrations,
            Pod database,
            String namespace) {}

    private static Pod pod(String namespace, Manifests.Workload workload) {
        return new Pod(
                namespace,
                workload.podLabels(),
                workload.container().getPorts().stream()
                        .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort)));
    }

    private static Scene scene(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String namespace = rendered.namespace();
        Map<String, Pod> workloads = rendered.workloads().stream()
                .collect(Collectors.toMap(Manifests.Workload::name, w -> pod(namespace, w)));
        // The labels CloudNativePG puts on the instance pods of the Cluster, plus its inheritedMetadata.
        Map<String, Object> cluster = rendered.tree("Cluster", "ledger-db");
        Map<String, String> databaseLabels = new HashMap<>();
        databaseLabels.put("cnpg.io/cluster", (String) Yaml.at(cluster, "metadata.name"));
        databaseLabels.put("cnpg.io/instanceRole", "primary");
        @SuppressWarnings("unchecked")
        Map<String, String> inherited = (Map<String, String>) Yaml.at(cluster, "spec.inheritedMetadata.labels");
        databaseLabels.putAll(inherited);
        return new Scene(
                rendered.all(NetworkPolicy.class),
                workloads.get("ledger-command"),
                workloads.get("ledger-query"),
                List.of(workloads.get("ledger-command-migrate"), workloads.get("ledger-query-migrate")),
                Pod.of(namespace, databaseLabels),
                namespace);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("PostgreSQL accepts the two services, their migration Jobs, its own instances and the operator, "
            + "and nobody else")
    void onlyTheServicesReachPostgres(String overlay) {
        Scene s = scene(overlay);
        Pod sameNamespaceStranger = Pod.of(s.namespace(), Map.of("app.kubernetes.io/name", "debug-shell"));
        Pod strangerPretendingToBeLedger = Pod.of(
                "elsewhere", Map.of("app.kubernetes.io/name", "ledger-command", "app.kubernetes.io/part-of", "x"));
        Pod strangerPretendingToMigrate = Pod.of(
                "elsewhere",
                Map.of("app.kubernetes.io/component", "migration", "app.kubernetes.io/part-of", "deal-ledger"));
        Pod otherMigrationHere = Pod.of(s.namespace(), Map.of("app.kubernetes.io/component", "migration"));
        Pod ingress = Pod.of("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Pod operator = Pod.of("cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"));
        Pod replica = Pod.of(s.namespace(), Map.of("cnpg.io/cluster", "ledger-db"));

        assertThat(IngressEvaluator.allows(s.policies(), s.command(), s.database(), 5432))
                .isTrue();
        assertThat(IngressEvaluator.allows(s.policies(), s.query(), s.database(), 5432))
                .isTrue();
        assertThat(s.migrations())
                .hasSize(2)
                .allSatisfy(
                        migration -> assertThat(IngressEvaluator.allows(s.policies(), migration, s.database(), 5432))
                                .isTrue());
        assertThat(IngressEvaluator.allows(s.policies(), replica, s.database(), 5432))
                .isTrue();
        assertThat(IngressEvaluator.allows(s.policies(), operator, s.database(), 8000))
                .isTrue();

        assertThat(IngressEvaluator.allows(s.policies(), sameNamespaceStranger, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), strangerPretendingToBeLedger, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), strangerPretendingToMigrate, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), otherMigrationHere, s.database(), 5432))
                .as("a migration of something other than the ledger")
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), ingress, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), operator, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), s.command(), s.database(), 8000))
                .isFalse();
        assertThat(s.migrations())
                .allSatisfy(
                        migration -> assertThat(IngressEvaluator.allows(s.policies(), migration, s.database(), 8000))
                                .isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the API port accepts the ingress controller's namespace only; the management port Prometheus only")
    void onlyIngressReachesTheApisAndOnlyPrometheusTheManagementPort(String overlay) {
        Scene s = scene(overlay);
        Pod ingress = Pod.of("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Pod prometheus = Pod.of("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        Pod otherMonitoringPod = Pod.of("monitoring", Map.of("app.kubernetes.io/name", "grafana"));
        Pod prometheusElsewhere = Pod.of("team-x", Map.of("app.kubernetes.io/name", "prometheus"));
        Pod otherNamespace = Pod.of("team-x", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Pod sameNamespaceStranger = Pod.of(s.namespace(), Map.of("app.kubernetes.io/name", "debug-shell"));

        for (Pod api : List.of(s.command(), s.query())) {
            int http = api.namedPorts().get("http");
            int management = api.namedPorts().get(PodPolicy.MANAGEMENT_PORT);
            assertThat(management).isNotEqualTo(http);

            assertThat(IngressEvaluator.allows(s.policies(), ingress, api, http))
                    .isTrue();
            assertThat(IngressEvaluator.allows(s.policies(), prometheus, api, management))
                    .isTrue();

            assertThat(IngressEvaluator.allows(s.policies(), prometheus, api, http))
                    .as("Prometheus does not reach the API")
                    .isFalse();
            assertThat(IngressEvaluator.allows(s.policies(), ingress, api, management))
                    .as("the ingress controller does not reach health, metrics or OpenAPI")
                    .isFalse();
            assertThat(IngressEvaluator.allows(s.policies(), ingress, api, 9999))
                    .isFalse();
            for (Pod stranger : List.of(
                    otherMonitoringPod, prometheusElsewhere, otherNamespace, sameNamespaceStranger, s.database())) {
                assertThat(IngressEvaluator.allows(s.policies(), stranger, api, http))
                        .as(stranger + " to http")
                        .isFalse();
                assertThat(IngressEvaluator.allows(s.policies(), stranger, api, management))
                        .as(stranger + " to management")
                        .isFalse();
            }
        }
        assertThat(IngressEvaluator.allows(s.policies(), s.query(), s.command(), 8081))
                .isFalse();
        // A period close reads its figures from the query service's API, and only from there.
        int queryHttp = s.query().namedPorts().get("http");
        assertThat(IngressEvaluator.allows(s.policies(), s.command(), s.query(), queryHttp))
                .isTrue();
        assertThat(IngressEvaluator.allows(
                        s.policies(),
                        s.command(),
                        s.query(),
                        s.query().namedPorts().get(PodPolicy.MANAGEMENT_PORT)))
                .isFalse();
        assertThat(IngressEvaluator.allows(
                        s.policies(),
                        Pod.of("elsewhere", Map.of("app.kubernetes.io/name", "ledger-command")),
                        s.query(),
                        queryHttp))
                .as("a pod of another namespace that calls itself ledger-command")
                .isFalse();
        assertThat(IngressEvaluator.allows(
                        s.policies(),
                        s.query(),
                        s.command(),
                        s.command().namedPorts().get(PodPolicy.MANAGEMENT_PORT)))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the probes use the management port, which the kubelet reaches as the pod's node; nothing else is"
            + " opened for it")
    void probesUseTheManagementPort(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        Scene s = scene(overlay);
        Pod ingress = Pod.of("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));

        for (Deployment deployment : rendered.all(Deployment.class)) {
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Pod pod = deployment.getMetadata().getName().equals("ledger-command") ? s.command() : s.query();
            for (Probe probe :
                    List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                String port = probe.getHttpGet().getPort().getStrVal();
                assertThat(port)
                        .as(deployment.getMetadata().getName() + " probe port")
                        .isEqualTo("management");
                assertThat(IngressEvaluator.allows(
                                s.policies(), ingress, pod, pod.namedPorts().get(port)))
                        .isFalse();
            }
        }
        // Kubernetes always lets a pod's own node reach it, whatever the policies say; that is how the kubelet's
        // probes arrive. An ipBlock would open the port to more than the kubelet (every host-network pod of the
        // node range), so none is used.
        assertThat(s.policies())
                .flatMap(p -> p.getSpec().getIngress())
                .flatMap(NetworkPolicyIngressRule::getFrom)
                .allSatisfy(peer -> assertThat(peer.getIpBlock()).isNull());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("any other pod started in the namespace is isolated by the default-deny policy")
    void defaultDeny(String overlay) {
        Scene s = scene(overlay);
        Pod newcomer = Pod.of(s.namespace(), Map.of("app", "something-new"));

        assertThat(IngressEvaluator.isolated(s.policies(), newcomer)).isTrue();
        assertThat(IngressEvaluator.allows(s.policies(), s.command(), newcomer, 80))
                .isFalse();
        assertThat(IngressEvaluator.allows(List.of(), s.command(), newcomer, 80))
                .as("without policies everything is allowed: the checks above are the policies' doing")
                .isTrue();
    }
}

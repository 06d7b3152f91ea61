package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.deploy.IngressEvaluator.Pod;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("NetworkPolicies: only the services reach PostgreSQL, only the ingress controller reaches the APIs")
class NetworkIsolationTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    private record Scene(List<NetworkPolicy> policies, Pod command, Pod query, Pod database, String namespace) {}

    private static Scene scene(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String namespace = rendered.namespace();
        Map<String, Pod> services = rendered.all(Deployment.class).stream()
                .collect(Collectors.toMap(
                        d -> d.getMetadata().getName(),
                        d -> new Pod(
                                namespace,
                                d.getSpec().getTemplate().getMetadata().getLabels(),
                                d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                                        .collect(Collectors.toMap(
                                                ContainerPort::getName, ContainerPort::getContainerPort)))));
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
                services.get("ledger-command"),
                services.get("ledger-query"),
                Pod.of(namespace, databaseLabels),
                namespace);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("PostgreSQL accepts the two services, its own instances and the operator, and nobody else")
    void onlyTheServicesReachPostgres(String overlay) {
        Scene s = scene(overlay);
        Pod sameNamespaceStranger = Pod.of(s.namespace(), Map.of("app.kubernetes.io/name", "debug-shell"));
        Pod strangerPretendingToBeLedger = Pod.of(
                "elsewhere", Map.of("app.kubernetes.io/name", "ledger-command", "app.kubernetes.io/part-of", "x"));
        Pod ingress = Pod.of("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Pod operator = Pod.of("cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"));
        Pod replica = Pod.of(s.namespace(), Map.of("cnpg.io/cluster", "ledger-db"));

        assertThat(IngressEvaluator.allows(s.policies(), s.command(), s.database(), 5432))
                .isTrue();
        assertThat(IngressEvaluator.allows(s.policies(), s.query(), s.database(), 5432))
                .isTrue();
        assertThat(IngressEvaluator.allows(s.policies(), replica, s.database(), 5432))
                .isTrue();
        assertThat(IngressEvaluator.allows(s.policies(), operator, s.database(), 8000))
                .isTrue();

        assertThat(IngressEvaluator.allows(s.policies(), sameNamespaceStranger, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), strangerPretendingToBeLedger, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), ingress, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), operator, s.database(), 5432))
                .isFalse();
        assertThat(IngressEvaluator.allows(s.policies(), s.command(), s.database(), 8000))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the APIs accept the ingress controller's namespace (and Prometheus on the same port), nobody else")
    void onlyIngressReachesTheApis(String overlay) {
        Scene s = scene(overlay);
        Pod ingress = Pod.of("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Pod prometheus = Pod.of("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        Pod otherMonitoringPod = Pod.of("monitoring", Map.of("app.kubernetes.io/name", "grafana"));
        Pod otherNamespace = Pod.of("team-x", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Pod sameNamespaceStranger = Pod.of(s.namespace(), Map.of("app.kubernetes.io/name", "debug-shell"));

        for (Pod api : List.of(s.command(), s.query())) {
            int port = api.namedPorts().get("http");
            assertThat(IngressEvaluator.allows(s.policies(), ingress, api, port))
                    .isTrue();
            assertThat(IngressEvaluator.allows(s.policies(), prometheus, api, port))
                    .isTrue();

            assertThat(IngressEvaluator.allows(s.policies(), ingress, api, 9999))
                    .isFalse();
            assertThat(IngressEvaluator.allows(s.policies(), otherMonitoringPod, api, port))
                    .isFalse();
            assertThat(IngressEvaluator.allows(s.policies(), otherNamespace, api, port))
                    .isFalse();
            assertThat(IngressEvaluator.allows(s.policies(), sameNamespaceStranger, api, port))
                    .isFalse();
            assertThat(IngressEvaluator.allows(s.policies(), s.database(), api, port))
                    .isFalse();
        }
        assertThat(IngressEvaluator.allows(s.policies(), s.query(), s.command(), 8081))
                .isFalse();
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

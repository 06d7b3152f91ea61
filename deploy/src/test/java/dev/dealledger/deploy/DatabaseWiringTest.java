package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The services reach the CloudNativePG cluster through its generated Secret and read-write Service")
class DatabaseWiringTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    private static Map<String, Object> cluster(Manifests.Rendered rendered) {
        return rendered.tree("Cluster", "ledger-db");
    }

    /** The environment a container sees: its envFrom ConfigMaps, then its own env values (which win). */
    private static Map<String, String> plainEnvironment(Container container, Manifests.Rendered rendered) {
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            assertThat(source.getSecretRef())
                    .as("no Secret is imported wholesale")
                    .isNull();
            ConfigMap configMap =
                    rendered.one(ConfigMap.class, source.getConfigMapRef().getName());
            environment.putAll(configMap.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        return environment;
    }

    @Test
    @DisplayName("the database runs one instance in dev and three in prod")
    void instancesPerOverlay() {
        assertThat(Yaml.at(cluster(Manifests.render("dev")), "spec.instances")).isEqualTo(1);
        assertThat(Yaml.at(cluster(Manifests.render("prod")), "spec.instances")).isEqualTo(3);
        assertThat(Yaml.at(cluster(Manifests.render("prod")), "spec.affinity.podAntiAffinityType"))
                .isEqualTo("required");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName(
            "each service runs as its own least-privilege login; only migrations use the owner's <name>-app Secret")
    void credentialsAndUrlPointAtTheCluster(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String clusterName = (String) Yaml.at(cluster(rendered), "metadata.name");
        String database = (String) Yaml.at(cluster(rendered), "spec.bootstrap.initdb.database");
        Map<String, Map<String, Object>> roles = managedRoles(rendered);

        for (Deployment deployment : rendered.all(Deployment.class)) {
            String service = deployment.getMetadata().getName(); // ledger-command or ledger-query
            String group = service.replace('-', '_'); // ledger_command or ledger_query
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, EnvVar> env = new HashMap<>();
            container.getEnv().forEach(v -> env.put(v.getName(), v));

            String runtimeSecret = clusterName + "-" + service.substring("ledger-".length());
            assertSecretRef(env, service, "LEDGER_DB_USER", runtimeSecret, "username");
            assertSecretRef(env, service, "LEDGER_DB_PASSWORD", runtimeSecret, "password");
            assertSecretRef(env, service, "LEDGER_MIGRATION_DB_USER", clusterName + "-app", "username");
            assertSecretRef(env, service, "LEDGER_MIGRATION_DB_PASSWORD", clusterName + "-app", "password");

            // The runtime Secret belongs to a login the Cluster declares, in the service's group role only.
            Map<String, Object> login = roles.values().stream()
                    .filter(r -> runtimeSecret.equals(Yaml.at(r, "passwordSecret.name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no managed role uses the Secret " + runtimeSecret));
            assertThat(login.get("login")).as(service + " login").isEqualTo(true);
            assertThat(login.get("inRoles")).as(service + " groups").isEqualTo(List.of(group));
            assertThat(login.get("superuser")).isNotEqualTo(true);
            assertThat(login.get("createrole")).isNotEqualTo(true);
            assertThat(login.get("createdb")).isNotEqualTo(true);
            // The group role holds the migrations' grants and cannot log in.
            assertThat(roles).containsKey(group);
            assertThat(roles.get(group).get("login")).as(group + " login").isEqualTo(false);

            Map<String, String> environment = plainEnvironment(container, rendered);
            assertThat(environment)
                    .containsEntry("LEDGER_DB_URL", "jdbc:postgresql://" + clusterName + "-rw:5432/" + database)
                    .containsEntry("QUARKUS_PROFILE", "prod,pg");
            assertThat(environment.keySet()).noneMatch(k -> k.contains("PASSWORD"));
        }
    }

    private static void assertSecretRef(
            Map<String, EnvVar> env, String service, String name, String secret, String key) {
        EnvVar variable = env.get(name);
        assertThat(variable).as(service + " " + name).isNotNull();
        assertThat(variable.getValue()).as("no literal credential").isNull();
        assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                .as(service + " " + name)
                .isEqualTo(secret);
        assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> managedRoles(Manifests.Rendered rendered) {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        for (Object role : (List<Object>) Yaml.at(cluster(rendered), "spec.managed.roles")) {
            Map<String, Object> fields = (Map<String, Object>) role;
            byName.put((String) fields.get("name"), fields);
        }
        return byName;
    }

    @Test
    @DisplayName("prod logs JSON")
    void prodLogsJson() {
        Manifests.Rendered prod = Manifests.render("prod");
        Container command = prod.one(Deployment.class, "ledger-command")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);

        assertThat(plainEnvironment(command, prod)).containsEntry("LEDGER_JSON_LOGS", "true");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("all replicas at their autoscaler maximum, plus one surge pod each, fit in max_connections")
    void connectionPoolsFitTheDatabase(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        int maxConnections =
                Integer.parseInt((String) Yaml.at(cluster(rendered), "spec.postgresql.parameters.max_connections"));
        int poolPerReplica = Integer.parseInt(
                rendered.one(ConfigMap.class, "ledger-config").getData().get("LEDGER_DB_POOL_MAX"));
        int replicas = rendered.all(HorizontalPodAutoscaler.class).stream()
                .mapToInt(h -> h.getSpec().getMaxReplicas() + 1)
                .sum();
        // CloudNativePG and PostgreSQL keep some connections for themselves (superuser, replication, monitoring).
        int reserved = 20;

        assertThat(replicas * poolPerReplica).isLessThanOrEqualTo(maxConnections - reserved);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the PostgreSQL image is pinned and the superuser is not exposed")
    void clusterImagePinned(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        List<String> violations = new ArrayList<>();
        PodPolicy.image((String) Yaml.at(cluster(rendered), "spec.imageName"), "ledger-db: ", violations);

        assertThat(violations).isEmpty();
        assertThat(Yaml.at(cluster(rendered), "spec.enableSuperuserAccess")).isEqualTo(false);
        assertThat(rendered.all(GenericKubernetesResource.class)).hasSize(1);
    }

    @Test
    @DisplayName("no Secret is committed anywhere under deploy/ (the credentials are the operator's)")
    void noSecretCommitted() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(Manifests.DEPLOY)) {
            manifests = files.filter(p -> !p.startsWith(Manifests.DEPLOY.resolve("target")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .toList();
        }
        assertThat(manifests).hasSizeGreaterThan(10);
        for (Path file : manifests) {
            for (Map<String, Object> document : Yaml.documents(file)) {
                assertThat(document.get("kind")).as(file.toString()).isNotEqualTo("Secret");
            }
        }
    }
}

package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName(
        "The services and their migration Jobs reach the CloudNativePG cluster as their own logins, never the owner")
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
    @DisplayName("each service runs as its own least-privilege login, does not migrate, and points at the cluster")
    void credentialsAndUrlPointAtTheCluster(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String clusterName = (String) Yaml.at(cluster(rendered), "metadata.name");
        String database = (String) Yaml.at(cluster(rendered), "spec.bootstrap.initdb.database");
        Map<String, Map<String, Object>> roles = managedRoles(rendered);

        assertThat(rendered.all(Deployment.class)).hasSize(2);
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
            // The owner's (or its member's) credentials and role never reach a serving pod, not even unused.
            assertThat(env.keySet())
                    .as(service + " env")
                    .doesNotContain(
                            "LEDGER_MIGRATION_DB_USER",
                            "LEDGER_MIGRATION_DB_PASSWORD",
                            "LEDGER_MIGRATION_ROLE",
                            "QUARKUS_INIT_AND_EXIT");

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
                    .containsEntry("QUARKUS_PROFILE", "prod,pg")
                    .containsEntry("LEDGER_MIGRATE_AT_START", "false");
            assertThat(environment.keySet()).noneMatch(k -> k.contains("PASSWORD"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the bootstrap owner cannot log in; its one member is the migrator, which does not inherit its rights")
    void theOwnerNeverLogsIn(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String owner = (String) Yaml.at(cluster(rendered), "spec.bootstrap.initdb.owner");
        Map<String, Map<String, Object>> roles = managedRoles(rendered);

        assertThat(roles).as("the owner is a managed role").containsKey(owner);
        assertThat(roles.get(owner).get("login")).as(owner + " login").isEqualTo(false);
        assertThat(roles.get(owner)).doesNotContainKey("passwordSecret");

        Map<String, Object> migrator = migrator(rendered);
        assertThat(migrator.get("login")).isEqualTo(true);
        assertThat(migrator.get("inherit"))
                .as("the owner's rights only through SET ROLE")
                .isEqualTo(false);
        assertThat(migrator.get("inRoles")).isEqualTo(List.of(owner));
        for (String attribute : List.of("superuser", "createrole", "createdb", "replication", "bypassrls")) {
            assertThat(migrator.get(attribute)).as("migrator " + attribute).isNotEqualTo(true);
        }
        assertThat(Yaml.at(migrator, "passwordSecret.name")).isEqualTo(clusterNameOf(rendered) + "-migrator");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("one migration Job per service, on the service's image, as the migrator taking the owner's role")
    void migrationJobsRunAsTheMigrator(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String clusterName = clusterNameOf(rendered);
        String database = (String) Yaml.at(cluster(rendered), "spec.bootstrap.initdb.database");
        String owner = (String) Yaml.at(cluster(rendered), "spec.bootstrap.initdb.owner");
        String migratorSecret = (String) Yaml.at(migrator(rendered), "passwordSecret.name");

        assertThat(rendered.all(Job.class))
                .extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder("ledger-command-migrate", "ledger-query-migrate");
        for (Job job : rendered.all(Job.class)) {
            String name = job.getMetadata().getName();
            String service = name.substring(0, name.length() - "-migrate".length());
            Container container =
                    job.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, EnvVar> env = new HashMap<>();
            container.getEnv().forEach(v -> env.put(v.getName(), v));

            assertThat(container.getImage())
                    .as(name + " runs the migrations its service's release ships")
                    .isEqualTo(rendered.one(Deployment.class, service)
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage());
            for (String variable : List.of("LEDGER_DB_", "LEDGER_MIGRATION_DB_")) {
                assertSecretRef(env, name, variable + "USER", migratorSecret, "username");
                assertSecretRef(env, name, variable + "PASSWORD", migratorSecret, "password");
            }
            Map<String, String> environment = plainEnvironment(container, rendered);
            assertThat(environment)
                    .as(name)
                    .containsEntry("QUARKUS_INIT_AND_EXIT", "true")
                    .containsEntry("LEDGER_MIGRATE_AT_START", "true")
                    .containsEntry("LEDGER_MIGRATION_ROLE", owner)
                    .containsEntry("LEDGER_DB_URL", "jdbc:postgresql://" + clusterName + "-rw:5432/" + database)
                    .containsEntry("QUARKUS_PROFILE", "prod,pg");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("no serving pod references the migrator's Secret, and nothing references the owner's <name>-app")
    @SuppressWarnings("unchecked")
    void servingPodsHoldNoOwnerCredentials(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        String ownerSecret = clusterNameOf(rendered) + "-app";
        String migratorSecret = (String) Yaml.at(migrator(rendered), "passwordSecret.name");

        for (Manifests.Workload workload : rendered.workloads()) {
            Set<String> secrets = secretsReferenced(
                    Yaml.at(rendered.tree(workload.object().getKind(), workload.name()), "spec.template"));
            assertThat(secrets).as(workload.name()).isNotEmpty().doesNotContain(ownerSecret);
            if (workload.isJob()) {
                assertThat(secrets).as(workload.name()).containsExactly(migratorSecret);
            } else {
                assertThat(secrets).as(workload.name()).doesNotContain(migratorSecret);
            }
        }
        // The check above can fail: a Deployment given the migrator's password is caught.
        Map<String, Object> tampered = Yaml.deepCopy(rendered.tree("Deployment", "ledger-query"));
        Map<String, Object> volume = new HashMap<>();
        volume.put("name", "owner");
        volume.put("secret", Map.of("secretName", migratorSecret));
        ((List<Object>) Yaml.at(tampered, "spec.template.spec.volumes")).add(volume);
        assertThat(secretsReferenced(Yaml.at(tampered, "spec.template"))).contains(migratorSecret);
    }

    /** Every Secret a pod template names: env and envFrom references, secret and projected volumes. */
    private static Set<String> secretsReferenced(Object tree) {
        Set<String> names = new TreeSet<>();
        if (tree instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> ref) {
                    switch ((String) e.getKey()) {
                        case "secretKeyRef", "secretRef" -> names.add((String) ref.get("name"));
                        case "secret" ->
                            names.add(
                                    (String) (ref.get("secretName") != null ? ref.get("secretName") : ref.get("name")));
                        default -> {}
                    }
                }
                names.addAll(secretsReferenced(e.getValue()));
            }
        } else if (tree instanceof List<?> list) {
            list.forEach(item -> names.addAll(secretsReferenced(item)));
        }
        return names;
    }

    private static String clusterNameOf(Manifests.Rendered rendered) {
        return (String) Yaml.at(cluster(rendered), "metadata.name");
    }

    /** The one managed role that is a member of the bootstrap owner. */
    private static Map<String, Object> migrator(Manifests.Rendered rendered) {
        String owner = (String) Yaml.at(cluster(rendered), "spec.bootstrap.initdb.owner");
        List<Map<String, Object>> members = managedRoles(rendered).values().stream()
                .filter(r -> r.get("inRoles") instanceof List<?> groups && groups.contains(owner))
                .toList();
        assertThat(members).as("members of the owner role " + owner).hasSize(1);
        return members.get(0);
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
        // The migration Jobs count too: an operator may run them while the old pods are at their maximum.
        int replicas = rendered.all(HorizontalPodAutoscaler.class).stream()
                        .mapToInt(h -> h.getSpec().getMaxReplicas() + 1)
                        .sum()
                + rendered.all(Job.class).size();
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

package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Rendered objects parse strictly against the Kubernetes models; unknown kinds and fields fail")
class ParsingRenderedObjectsStrictlyTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("every rendered object reads into its typed model (or the Cluster allow-list) with nothing left over")
    void everyObjectParses(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);

        assertThat(rendered.objects()).hasSameSizeAs(rendered.trees()).hasSizeGreaterThan(10);
        assertThat(rendered.objects())
                .filteredOn(o -> o instanceof GenericKubernetesResource)
                .extracting(HasMetadata::getKind)
                .containsExactly("Cluster");
        assertThat(rendered.all(ServiceMonitor.class)).hasSize(1);
    }

    private static HasMetadata parse(String yaml) {
        return StrictModel.parse(Yaml.documents(yaml, "inline").get(0));
    }

    private static final String DEPLOYMENT_WITH_TYPO = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              selector:
                matchLabels: {app: broken}
              template:
                metadata:
                  labels: {app: broken}
                spec:
                  containers:
                    - name: broken
                      image: example/broken:1.0
                      imagePullPolize: Always
            """;

    @Test
    @DisplayName("an inline Deployment with a misspelt container field fails, naming the field and where it is")
    void unknownContainerFieldFails() {
        assertThatThrownBy(() -> parse(DEPLOYMENT_WITH_TYPO))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("spec.template.spec.containers[0]")
                .hasMessageContaining("imagePullPolize");
    }

    @Test
    @DisplayName("the same Deployment without the typo parses: the failure above is the typo's doing")
    void theSameDeploymentWithoutTheTypoParses() {
        HasMetadata parsed = parse(DEPLOYMENT_WITH_TYPO.replace("      imagePullPolize: Always\n", ""));

        assertThat(parsed).isInstanceOf(Deployment.class);
    }

    private static final String JOB_WITH_TYPO = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: broken
            spec:
              backofLimit: 4
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: broken
                      image: example/broken:1.0
            """;

    @Test
    @DisplayName("a Job (the migrations) is read into its typed model too: a misspelt field fails, its fix parses")
    void jobsAreStrict() {
        assertThatThrownBy(() -> parse(JOB_WITH_TYPO))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("backofLimit");

        assertThat(parse(JOB_WITH_TYPO.replace("backofLimit", "backoffLimit"))).isInstanceOf(Job.class);
    }

    @Test
    @DisplayName("a misspelt field high up in a spec fails too")
    void unknownSpecFieldFails() {
        assertThatThrownBy(() -> parse(DEPLOYMENT_WITH_TYPO
                        .replace("      imagePullPolize: Always\n", "")
                        .replace("spec:\n  selector:", "spec:\n  replica: 3\n  selector:")))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("replica");
    }

    @Test
    @DisplayName("a value of the wrong type fails (a quoted boolean, as the API server would refuse it)")
    void wrongTypeFails() {
        assertThatThrownBy(() -> parse("""
                        apiVersion: v1
                        kind: ServiceAccount
                        metadata:
                          name: quoted
                        automountServiceAccountToken: "false"
                        """))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("automountServiceAccountToken");
    }

    @Test
    @DisplayName("an unquoted number as ConfigMap data fails (ConfigMap values are strings)")
    void numberInConfigMapFails() {
        assertThatThrownBy(() -> parse("""
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: numbers
                        data:
                          LEDGER_DB_POOL_MAX: 10
                        """))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("LEDGER_DB_POOL_MAX");
    }

    @Test
    @DisplayName("a kind outside the known list fails, a misspelt kind and a committed Secret alike")
    void unknownKindsFail() {
        assertThatThrownBy(() -> parse("""
                        apiVersion: apps/v1
                        kind: Deploymnet
                        metadata:
                          name: typo
                        """))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("unknown kind apps/v1/Deploymnet");
        assertThatThrownBy(() -> parse("""
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: committed-credentials
                        stringData:
                          password: hunter2
                        """))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("unknown kind v1/Secret");
    }

    @Test
    @DisplayName("an older apiVersion of a known kind fails (autoscaling/v1 is not the model checked)")
    void unknownApiVersionFails() {
        assertThatThrownBy(() -> parse("""
                        apiVersion: autoscaling/v1
                        kind: HorizontalPodAutoscaler
                        metadata:
                          name: old
                        """)).isInstanceOf(StrictModel.StrictParseException.class);
    }

    @Test
    @DisplayName("a ServiceMonitor with a misspelt endpoint field fails against the typed prometheus-operator model")
    void unknownServiceMonitorFieldFails() {
        String monitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: typo
                spec:
                  selector:
                    matchLabels: {app: x}
                  endpoints:
                    - port: http
                      path: /q/metrics
                """;
        assertThat(parse(monitor)).isInstanceOf(ServiceMonitor.class);
        assertThatThrownBy(() -> parse(monitor.replace("path: /q/metrics", "paht: /q/metrics")))
                .isInstanceOf(StrictModel.StrictParseException.class)
                .hasMessageContaining("paht");
    }

    private static final String CLUSTER = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata:
              name: db
            spec:
              instances: 3
              storage:
                size: 1Gi
              resources:
                requests:
                  memory: 1Gi
            """;

    @Test
    @DisplayName("a CloudNativePG Cluster is held to the allow-list: unknown fields, wrong types and bad enums fail")
    void clusterAllowListIsEnforced() {
        assertThat(parse(CLUSTER)).isInstanceOf(GenericKubernetesResource.class);

        assertThatThrownBy(() -> parse(CLUSTER.replace("instances: 3", "instance: 3")))
                .hasMessageContaining("spec.instance: unknown field")
                .hasMessageContaining("spec.instances: required field missing");
        assertThatThrownBy(() -> parse(CLUSTER.replace("instances: 3", "instances: \"3\"")))
                .hasMessageContaining("spec.instances: expected an integer");
        assertThatThrownBy(() -> parse(CLUSTER + "  primaryUpdateStrategy: whenever\n"))
                .hasMessageContaining("'whenever' is not one of");
        assertThatThrownBy(() -> parse(CLUSTER.replace("requests:", "requets:")))
                .as("embedded core types are checked against their own typed model")
                .hasMessageContaining("requets");
        assertThatThrownBy(() -> parse(CLUSTER.replace("name: db", "name: db\n  labelz: {a: b}")))
                .hasMessageContaining("labelz");
    }

    @Test
    @DisplayName("the runbook's backup plugin, restore and ScheduledBackup fields are allowed, and checked")
    void backupAndRestoreFieldsAreChecked() {
        String restored = CLUSTER.replace("name: db", "name: db-restored") + """
                  plugins:
                    - name: barman-cloud.cloudnative-pg.io
                      isWALArchiver: true
                      parameters:
                        barmanObjectName: ledger-backups
                  bootstrap:
                    recovery:
                      source: origin
                      database: ledger
                      owner: ledger
                      recoveryTarget:
                        targetTime: "2026-11-20 08:00:00+00"
                  externalClusters:
                    - name: origin
                      plugin:
                        name: barman-cloud.cloudnative-pg.io
                        parameters:
                          barmanObjectName: ledger-backups
                          serverName: ledger-db
                """;
        String schedule = """
                apiVersion: postgresql.cnpg.io/v1
                kind: ScheduledBackup
                metadata:
                  name: ledger-db-daily
                spec:
                  schedule: "0 0 2 * * *"
                  backupOwnerReference: self
                  cluster:
                    name: ledger-db
                  method: plugin
                  pluginConfiguration:
                    name: barman-cloud.cloudnative-pg.io
                """;

        assertThat(parse(restored)).isInstanceOf(GenericKubernetesResource.class);
        assertThat(parse(schedule)).isInstanceOf(GenericKubernetesResource.class);
        assertThatThrownBy(() -> parse(restored.replace("targetTime:", "targetTme:")))
                .hasMessageContaining("targetTme");
        assertThatThrownBy(() -> parse(schedule.replace("method: plugin", "method: s3")))
                .hasMessageContaining("'s3' is not one of");
    }

    @Test
    @DisplayName("postgres parameters must be strings, as the CNPG CRD requires")
    void postgresParametersMustBeStrings() {
        assertThatThrownBy(() -> parse(CLUSTER + "  postgresql:\n    parameters:\n      max_connections: 200\n"))
                .hasMessageContaining("spec.postgresql.parameters.max_connections: expected a string");
    }

    @Test
    @DisplayName("duplicate keys in a YAML document fail before any model sees them")
    void duplicateKeysFail() {
        assertThatThrownBy(() -> Yaml.documents("a: 1\na: 2\n", "inline"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    @DisplayName("the typed kinds and the allow-listed custom resource are the only kinds known")
    void knownKinds() {
        assertThat(StrictModel.TYPED_KINDS.keySet())
                .containsExactlyInAnyOrder(
                        "v1/ConfigMap",
                        "v1/Service",
                        "v1/ServiceAccount",
                        "apps/v1/Deployment",
                        "batch/v1/Job",
                        "autoscaling/v2/HorizontalPodAutoscaler",
                        "policy/v1/PodDisruptionBudget",
                        "networking.k8s.io/v1/NetworkPolicy",
                        "monitoring.coreos.com/v1/ServiceMonitor");
        assertThat(StrictModel.ALLOW_LISTED_KINDS)
                .containsOnlyKeys("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup");
    }
}

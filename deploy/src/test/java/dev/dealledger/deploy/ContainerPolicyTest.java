package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every container of every overlay follows the pod policies")
class ContainerPolicyTest {

    static List<String> overlays() {
        return Manifests.overlays();
    }

    private static Map<String, ServiceAccount> serviceAccounts(Manifests.Rendered rendered) {
        return rendered.all(ServiceAccount.class).stream()
                .collect(Collectors.toMap(a -> a.getMetadata().getName(), Function.identity()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("probes on the management port, requests and limits, non-root, read-only root, no privilege "
            + "escalation, drop ALL, seccomp RuntimeDefault, no service account token, pinned image, /tmp on an emptyDir"
            + " (the migration Jobs alike, probes excepted)")
    void everyContainerFollowsThePolicies(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        List<Manifests.Workload> workloads = rendered.workloads();

        assertThat(workloads)
                .extracting(Manifests.Workload::name)
                .containsExactlyInAnyOrder(
                        "ledger-command", "ledger-query", "ledger-command-migrate", "ledger-query-migrate");
        assertThat(workloads)
                .flatMap(w -> PodPolicy.violations(w.object(), serviceAccounts(rendered)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("no pod template escapes the policies: every object that has one is of a kind they check")
    void everyPodTemplateIsChecked(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);

        assertThat(rendered.trees())
                .filteredOn(t -> Yaml.at(t, "spec.template.spec") != null
                        || Yaml.at(t, "spec.jobTemplate.spec.template.spec") != null)
                .extracting(t -> (String) t.get("kind"))
                .isNotEmpty()
                .allSatisfy(kind -> assertThat(Manifests.WORKLOAD_KINDS).contains(kind));
        HasMetadata statefulSet = new StatefulSetBuilder()
                .withNewMetadata()
                .withName("ledger-other")
                .endMetadata()
                .build();
        assertThat(PodPolicy.violations(statefulSet, Map.of()))
                .as("a kind the policies do not know is refused, not waved through")
                .isNotEmpty();
    }

    /** A freshly parsed prod Deployment, so that each mutation starts from the real manifest. */
    private static Deployment prodCommand() {
        Manifests.Rendered prod = Manifests.render("prod");
        return StrictModel.parse(Yaml.deepCopy(prod.tree("Deployment", "ledger-command"))) instanceof Deployment d
                ? d
                : null;
    }

    private static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static PodSpec pod(Deployment d) {
        return d.getSpec().getTemplate().getSpec();
    }

    static Stream<Arguments> brokenDeployments() {
        return Stream.of(
                broken("no startup probe", d -> container(d).setStartupProbe(null), "startupProbe"),
                broken("no readiness probe", d -> container(d).setReadinessProbe(null), "readinessProbe"),
                broken(
                        "liveness probe on the wrong path",
                        d -> container(d).getLivenessProbe().getHttpGet().setPath("/q/health"),
                        "livenessProbe must probe /q/health/live"),
                broken(
                        "no memory limit",
                        d -> container(d).getResources().getLimits().remove("memory"),
                        "resources.limits.memory"),
                broken(
                        "no cpu request",
                        d -> container(d).getResources().getRequests().remove("cpu"),
                        "resources.requests.cpu"),
                broken(
                        "request above limit",
                        d -> container(d).getResources().getRequests().put("memory", new Quantity("4Gi")),
                        "memory request 4Gi exceeds its limit"),
                broken(
                        "runAsNonRoot neither on container nor pod",
                        d -> {
                            container(d).getSecurityContext().setRunAsNonRoot(null);
                            pod(d).getSecurityContext().setRunAsNonRoot(null);
                        },
                        "runAsNonRoot"),
                broken(
                        "writable root filesystem",
                        d -> container(d).getSecurityContext().setReadOnlyRootFilesystem(false),
                        "readOnlyRootFilesystem"),
                broken(
                        "privilege escalation left to the default",
                        d -> container(d).getSecurityContext().setAllowPrivilegeEscalation(null),
                        "allowPrivilegeEscalation"),
                broken(
                        "capabilities not dropped",
                        d -> container(d).getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW")),
                        "capabilities.drop must contain ALL"),
                broken(
                        "seccomp on neither level",
                        d -> {
                            container(d).getSecurityContext().setSeccompProfile(null);
                            pod(d).getSecurityContext().setSeccompProfile(null);
                        },
                        "seccompProfile.type must be RuntimeDefault"),
                broken(
                        "token automounted",
                        d -> pod(d).setAutomountServiceAccountToken(null),
                        "automountServiceAccountToken must be false"),
                broken(
                        "image on :latest",
                        d -> container(d).setImage("registry.example.com/deal-ledger/ledger-command:latest"),
                        "must not use :latest"),
                broken(
                        "image without a tag",
                        d -> container(d).setImage("registry.example.com:5000/deal-ledger/ledger-command"),
                        "must carry a tag or a digest"),
                broken(
                        "no /tmp volume",
                        d -> container(d).setVolumeMounts(List.of()),
                        "/tmp must be mounted from an emptyDir"),
                broken(
                        "recreate strategy",
                        d -> d.getSpec().getStrategy().setType("Recreate"),
                        "strategy must be RollingUpdate"),
                broken(
                        "readiness probe on the API port",
                        d -> container(d).getReadinessProbe().getHttpGet().setPort(new IntOrString("http")),
                        "readinessProbe must use the port named management"),
                broken(
                        "startup probe on the management port's number",
                        d -> container(d).getStartupProbe().getHttpGet().setPort(new IntOrString(9000)),
                        "startupProbe must use the port named management"));
    }

    /** A freshly parsed prod migration Job of the event store, so that each mutation starts from the real one. */
    private static Job prodCommandMigration() {
        Manifests.Rendered prod = Manifests.render("prod");
        return StrictModel.parse(Yaml.deepCopy(prod.tree("Job", "ledger-command-migrate"))) instanceof Job j ? j : null;
    }

    private static Container container(Job j) {
        return j.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Stream<Arguments> brokenJobs() {
        return Stream.of(
                brokenJob(
                        "token automounted",
                        j -> j.getSpec().getTemplate().getSpec().setAutomountServiceAccountToken(true),
                        "automountServiceAccountToken must be false"),
                brokenJob(
                        "a ServiceAccount the rendering does not have",
                        j -> j.getSpec().getTemplate().getSpec().setServiceAccountName("default"),
                        "serviceAccountName 'default' is not a ServiceAccount"),
                brokenJob(
                        "writable root filesystem",
                        j -> container(j).getSecurityContext().setReadOnlyRootFilesystem(null),
                        "readOnlyRootFilesystem"),
                brokenJob(
                        "no memory limit",
                        j -> container(j).getResources().getLimits().remove("memory"),
                        "resources.limits.memory"),
                brokenJob(
                        "image on :latest",
                        j -> container(j).setImage("registry.example.com/deal-ledger/ledger-command:latest"),
                        "must not use :latest"),
                brokenJob(
                        "no /tmp volume",
                        j -> container(j).setVolumeMounts(List.of()),
                        "/tmp must be mounted from an emptyDir"),
                brokenJob(
                        "restarted forever",
                        j -> j.getSpec().getTemplate().getSpec().setRestartPolicy("Always"),
                        "restartPolicy must be Never or OnFailure"),
                brokenJob(
                        "retries left to the default",
                        j -> j.getSpec().setBackoffLimit(null),
                        "backoffLimit must be set"),
                brokenJob(
                        "no deadline",
                        j -> j.getSpec().setActiveDeadlineSeconds(null),
                        "activeDeadlineSeconds must bound the Job"));
    }

    private static Arguments brokenJob(String name, Consumer<Job> breakIt, String expectedViolation) {
        return Arguments.of(name, breakIt, expectedViolation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJobs")
    @DisplayName("breaking one rule in the real prod migration Job is reported, naming the rule (it needs no probes)")
    void breakingOneRuleOfAJobIsReported(String name, Consumer<Job> breakIt, String expectedViolation) {
        Map<String, ServiceAccount> accounts = serviceAccounts(Manifests.render("prod"));
        Job job = prodCommandMigration();
        assertThat(PodPolicy.violations(job, accounts)).as("before breaking it").isEmpty();

        breakIt.accept(job);

        assertThat(PodPolicy.violations(job, accounts))
                .anySatisfy(
                        v -> assertThat(v).startsWith("ledger-command-migrate").contains(expectedViolation));
    }

    private static Arguments broken(String name, Consumer<Deployment> breakIt, String expectedViolation) {
        return Arguments.of(name, breakIt, expectedViolation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDeployments")
    @DisplayName("breaking one rule in the real prod Deployment is reported, naming the rule")
    void breakingOneRuleIsReported(String name, Consumer<Deployment> breakIt, String expectedViolation) {
        Map<String, ServiceAccount> accounts = serviceAccounts(Manifests.render("prod"));
        Deployment deployment = prodCommand();
        assertThat(PodPolicy.violations(deployment, accounts))
                .as("before breaking it")
                .isEmpty();

        breakIt.accept(deployment);

        assertThat(PodPolicy.violations(deployment, accounts))
                .anySatisfy(v -> assertThat(v).startsWith("ledger-command").contains(expectedViolation));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    @DisplayName("the ServiceAccounts the pods use do not automount a token either")
    void serviceAccountsDoNotAutomount(String overlay) {
        Map<String, ServiceAccount> accounts = serviceAccounts(Manifests.render(overlay));
        Map<String, ServiceAccount> withToken = Map.of(
                "ledger-command",
                new io.fabric8.kubernetes.api.model.ServiceAccountBuilder(accounts.get("ledger-command"))
                        .withAutomountServiceAccountToken(true)
                        .build(),
                "ledger-query",
                accounts.get("ledger-query"));

        assertThat(accounts.values())
                .allSatisfy(a -> assertThat(a.getAutomountServiceAccountToken()).isFalse());
        assertThat(PodPolicy.violations(prodCommand(), withToken))
                .anySatisfy(v -> assertThat(v).contains("ServiceAccount ledger-command must set"));
    }
}

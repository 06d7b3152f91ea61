package dev.dealledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
    @DisplayName("probes, requests and limits, non-root, read-only root, no privilege escalation, drop ALL, "
            + "seccomp RuntimeDefault, no service account token, pinned image, /tmp on an emptyDir")
    void everyContainerFollowsThePolicies(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        List<Deployment> deployments = rendered.all(Deployment.class);

        assertThat(deployments)
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("ledger-command", "ledger-query");
        assertThat(deployments)
                .flatMap(d -> PodPolicy.violations(d, serviceAccounts(rendered)))
                .isEmpty();
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
                        "strategy must be RollingUpdate"));
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

package dev.dealledger.deploy;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules every ledger workload must follow (issue 7), checked on a parsed Deployment or Job: the same pod and
 * container rules for both, probes for the serving Deployments only (a Job's pod exits when it is done). Each
 * violation is one line naming the workload, the container and the rule, so a failing build says exactly what to fix.
 */
final class PodPolicy {

    static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready",
            "livenessProbe", "/q/health/live");

    /** The container port the probes must use: Quarkus's management interface, apart from the API port. */
    static final String MANAGEMENT_PORT = "management";

    private PodPolicy() {}

    /** The violations of a Deployment or a Job; any other kind is a violation in itself. */
    static List<String> violations(HasMetadata workload, Map<String, ServiceAccount> serviceAccounts) {
        if (workload instanceof Deployment deployment) {
            return violations(deployment, serviceAccounts);
        }
        if (workload instanceof Job job) {
            return violations(job, serviceAccounts);
        }
        return List.of(workload.getMetadata().getName() + ": " + workload.getKind() + " is not a known workload kind");
    }

    static List<String> violations(Deployment deployment, Map<String, ServiceAccount> serviceAccounts) {
        List<String> violations = new ArrayList<>();
        String name = deployment.getMetadata().getName();
        if (deployment.getSpec().getStrategy() == null
                || !"RollingUpdate".equals(deployment.getSpec().getStrategy().getType())) {
            violations.add(name + ": strategy must be RollingUpdate");
        }
        violations.addAll(pod(name, deployment.getSpec().getTemplate().getSpec(), serviceAccounts, true));
        return violations;
    }

    static List<String> violations(Job job, Map<String, ServiceAccount> serviceAccounts) {
        List<String> violations = new ArrayList<>();
        String name = job.getMetadata().getName();
        JobSpec spec = job.getSpec();
        PodSpec pod = spec.getTemplate().getSpec();
        if (!List.of("Never", "OnFailure").contains(pod.getRestartPolicy())) {
            violations.add(name + ": restartPolicy must be Never or OnFailure, is " + pod.getRestartPolicy());
        }
        if (spec.getBackoffLimit() == null) {
            violations.add(name + ": backoffLimit must be set (the default retries six times)");
        }
        if (spec.getActiveDeadlineSeconds() == null) {
            violations.add(name + ": activeDeadlineSeconds must bound the Job, retries included");
        }
        violations.addAll(pod(name, pod, serviceAccounts, false));
        return violations;
    }

    private static List<String> pod(
            String name, PodSpec pod, Map<String, ServiceAccount> serviceAccounts, boolean serving) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podSecurity =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);

        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            violations.add(name + ": automountServiceAccountToken must be false on the pod");
        }
        ServiceAccount account = serviceAccounts.get(pod.getServiceAccountName());
        if (account == null) {
            violations.add(name + ": serviceAccountName '" + pod.getServiceAccountName()
                    + "' is not a ServiceAccount of this rendering");
        } else if (!Boolean.FALSE.equals(account.getAutomountServiceAccountToken())) {
            violations.add(name + ": ServiceAccount " + account.getMetadata().getName()
                    + " must set automountServiceAccountToken: false");
        }
        if (Boolean.TRUE.equals(pod.getHostNetwork())
                || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add(name + ": hostNetwork, hostPID and hostIPC must not be set");
        }

        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        if (pod.getContainers().isEmpty()) {
            violations.add(name + ": no containers");
        }
        for (Container container : all) {
            String where = name + "/" + container.getName() + ": ";
            boolean init = pod.getInitContainers().contains(container);
            if (serving && !init) {
                probes(container, where, violations);
            }
            resources(container.getResources(), where, violations);
            security(container, podSecurity, where, violations);
            image(container.getImage(), where, violations);
            tmp(container, pod.getVolumes(), where, violations);
        }
        return violations;
    }

    private static void probes(Container container, String where, List<String> violations) {
        Map<String, Probe> probes = Map.of(
                "startupProbe", Optional.ofNullable(container.getStartupProbe()).orElseGet(Probe::new),
                "readinessProbe",
                        Optional.ofNullable(container.getReadinessProbe()).orElseGet(Probe::new),
                "livenessProbe",
                        Optional.ofNullable(container.getLivenessProbe()).orElseGet(Probe::new));
        PROBE_PATHS.forEach((kind, path) -> {
            Probe probe = probes.get(kind);
            if (probe.getHttpGet() == null) {
                violations.add(where + kind + " must be an httpGet probe of " + path);
                return;
            }
            if (!path.equals(probe.getHttpGet().getPath())) {
                violations.add(where + kind + " must probe " + path + ", probes "
                        + probe.getHttpGet().getPath());
            }
            var port = probe.getHttpGet().getPort();
            boolean declared = port != null
                    && container.getPorts().stream()
                            .anyMatch(p -> (port.getStrVal() != null
                                            && port.getStrVal().equals(p.getName()))
                                    || (port.getIntVal() != null
                                            && port.getIntVal().equals(p.getContainerPort())));
            if (!declared) {
                violations.add(where + kind + " port " + port + " is not a declared container port");
            } else if (!MANAGEMENT_PORT.equals(port.getStrVal())) {
                // By name, as the NetworkPolicies name it: both then follow the port the container declares.
                violations.add(where + kind + " must use the port named " + MANAGEMENT_PORT + ", uses " + port);
            }
        });
    }

    private static void resources(ResourceRequirements resources, String where, List<String> violations) {
        Map<String, Quantity> requests = resources == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? Map.of() : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = requests.get(resource);
            Quantity limit = limits.get(resource);
            if (request == null) {
                violations.add(where + "resources.requests." + resource + " must be set");
            }
            if (limit == null) {
                violations.add(where + "resources.limits." + resource + " must be set");
            }
            if (request != null
                    && limit != null
                    && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                violations.add(where + resource + " request " + request + " exceeds its limit " + limit);
            }
        }
    }

    private static void security(Container container, PodSecurityContext pod, String where, List<String> violations) {
        SecurityContext sc = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        Boolean runAsNonRoot = effective(sc.getRunAsNonRoot(), pod.getRunAsNonRoot());
        if (!Boolean.TRUE.equals(runAsNonRoot)) {
            violations.add(where + "runAsNonRoot must be true (container or pod)");
        }
        Long runAsUser = effective(sc.getRunAsUser(), pod.getRunAsUser());
        if (runAsUser != null && runAsUser == 0L) {
            violations.add(where + "runAsUser must not be 0");
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            violations.add(where + "readOnlyRootFilesystem must be true");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            violations.add(where + "allowPrivilegeEscalation must be false");
        }
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
            violations.add(where + "privileged must not be true");
        }
        Capabilities capabilities = Optional.ofNullable(sc.getCapabilities()).orElseGet(Capabilities::new);
        if (!capabilities.getDrop().contains("ALL")) {
            violations.add(where + "capabilities.drop must contain ALL");
        }
        if (!capabilities.getAdd().isEmpty()) {
            violations.add(where + "capabilities.add must be empty, found " + capabilities.getAdd());
        }
        String seccomp = Optional.ofNullable(effective(sc.getSeccompProfile(), pod.getSeccompProfile()))
                .map(SeccompProfile::getType)
                .orElse(null);
        if (!"RuntimeDefault".equals(seccomp)) {
            violations.add(where + "seccompProfile.type must be RuntimeDefault (container or pod), is " + seccomp);
        }
    }

    static void image(String image, String where, List<String> violations) {
        if (image == null || image.isBlank()) {
            violations.add(where + "image must be set");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        int colon = image.lastIndexOf(':');
        String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : null;
        if (tag == null) {
            violations.add(where + "image " + image + " must carry a tag or a digest");
        } else if (tag.equals("latest")) {
            violations.add(where + "image " + image + " must not use :latest");
        }
    }

    private static void tmp(Container container, List<Volume> volumes, String where, List<String> violations) {
        Optional<String> tmpVolume = container.getVolumeMounts().stream()
                .filter(m -> "/tmp".equals(m.getMountPath()))
                .map(VolumeMount::getName)
                .findFirst();
        boolean emptyDir = tmpVolume
                .flatMap(v ->
                        volumes.stream().filter(vol -> v.equals(vol.getName())).findFirst())
                .map(Volume::getEmptyDir)
                .isPresent();
        if (!emptyDir) {
            violations.add(where + "/tmp must be mounted from an emptyDir volume (the root filesystem is read-only)");
        }
    }

    /** The container's setting wins over the pod's, as in Kubernetes. */
    private static <T> T effective(T container, T pod) {
        return container != null ? container : pod;
    }
}

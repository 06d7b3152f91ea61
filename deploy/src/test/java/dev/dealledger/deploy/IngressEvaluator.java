package dev.dealledger.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * Decides, as Kubernetes does, whether NetworkPolicies let a pod receive a TCP connection from another pod, so that
 * the tests can state "only the services reach PostgreSQL" as cases rather than by reading YAML.
 *
 * <p>Covers what {@code deploy/} uses: pod and namespace selectors (matchLabels and matchExpressions), numeric and
 * named ports. An {@code ipBlock} peer never matches a pod here.
 */
final class IngressEvaluator {

    /** A pod somewhere in the cluster. Namespaces carry the automatic label kubernetes.io/metadata.name. */
    record Pod(String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
        static Pod of(String namespace, Map<String, String> labels) {
            return new Pod(namespace, labels, Map.of());
        }

        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    private IngressEvaluator() {}

    static boolean allows(List<NetworkPolicy> policies, Pod from, Pod to, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> to.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> appliesToIngress(p))
                .filter(p -> matches(p.getSpec().getPodSelector(), to.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> fromMatches(rule, from, to.namespace()) && portMatches(rule, to, port));
    }

    /** Whether some policy selects the pod for ingress at all (otherwise all ingress is allowed). */
    static boolean isolated(List<NetworkPolicy> policies, Pod pod) {
        return policies.stream()
                .filter(p -> pod.namespace().equals(p.getMetadata().getNamespace()))
                .filter(IngressEvaluator::appliesToIngress)
                .anyMatch(p -> matches(p.getSpec().getPodSelector(), pod.labels()));
    }

    private static boolean appliesToIngress(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        return types.isEmpty() || types.contains("Ingress");
    }

    private static boolean fromMatches(NetworkPolicyIngressRule rule, Pod from, String policyNamespace) {
        if (rule.getFrom().isEmpty()) {
            return true;
        }
        return rule.getFrom().stream().anyMatch(peer -> peerMatches(peer, from, policyNamespace));
    }

    private static boolean peerMatches(NetworkPolicyPeer peer, Pod from, String policyNamespace) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null
                ? from.namespace().equals(policyNamespace)
                : matches(peer.getNamespaceSelector(), from.namespaceLabels());
        boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), from.labels());
        return namespaceOk && podOk;
    }

    private static boolean portMatches(NetworkPolicyIngressRule rule, Pod to, int port) {
        if (rule.getPorts().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort candidate : rule.getPorts()) {
            if (candidate.getProtocol() != null && !"TCP".equals(candidate.getProtocol())) {
                continue;
            }
            IntOrString p = candidate.getPort();
            if (p == null) {
                return true;
            }
            Integer number =
                    p.getIntVal() != null ? p.getIntVal() : to.namedPorts().get(p.getStrVal());
            if (number != null && number == port) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        for (Map.Entry<String, String> required : selector.getMatchLabels().entrySet()) {
            if (!required.getValue().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement expression : selector.getMatchExpressions()) {
            String value = labels.get(expression.getKey());
            boolean ok = switch (expression.getOperator()) {
                case "In" -> value != null && expression.getValues().contains(value);
                case "NotIn" -> value == null || !expression.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + expression.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package dev.dealledger.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses rendered objects strictly: an object whose kind is not listed here, a field the model does not know, or a
 * value of the wrong type is an error, as it would be for the API server (or worse: silently dropped by it).
 *
 * <p>Built-in kinds and the prometheus-operator {@code ServiceMonitor} are read into fabric8's typed models. Those
 * models accept unknown fields into an "additional properties" map instead of failing, so after reading, every
 * nested model object is walked and any additional property is reported; and the typed object is written back and
 * compared with the input, so a field the model would drop is reported too.
 *
 * <p>CloudNativePG's {@code Cluster} (and the {@code ScheduledBackup} the runbook shows) have no typed model on Maven
 * Central; they are checked against the allow-lists in {@link CnpgClusterShape}.
 */
final class StrictModel {

    /** The kinds {@code deploy/} may contain, by apiVersion/kind. Anything else is refused. */
    static final Map<String, Class<? extends HasMetadata>> TYPED_KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    static final Map<String, Shape> ALLOW_LISTED_KINDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", CnpgClusterShape.CLUSTER,
            "postgresql.cnpg.io/v1/ScheduledBackup", CnpgClusterShape.SCHEDULED_BACKUP);

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(
                    LogicalType.Textual,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    /** An object that does not parse strictly; the message lists every problem found. */
    static final class StrictParseException extends RuntimeException {
        StrictParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private StrictModel() {}

    /** The typed object (or, for an allow-listed custom resource, a generic one), or a {@link StrictParseException}. */
    static HasMetadata parse(Map<String, Object> object) {
        String key = object.get("apiVersion") + "/" + object.get("kind");
        String name = String.valueOf(Yaml.at(object, "metadata.name"));
        Class<? extends HasMetadata> type = TYPED_KINDS.get(key);
        if (type != null) {
            return typed(object, type, key + " " + name);
        }
        Shape shape = ALLOW_LISTED_KINDS.get(key);
        if (shape != null) {
            List<String> problems = new ArrayList<>();
            shape.check(object, key + " " + name, problems);
            if (!problems.isEmpty()) {
                throw new StrictParseException(String.join("\n", problems), null);
            }
            return MAPPER.convertValue(object, GenericKubernetesResource.class);
        }
        throw new StrictParseException(
                "unknown kind " + key + " (" + name + "): not one of " + TYPED_KINDS.keySet() + " or "
                        + ALLOW_LISTED_KINDS.keySet(),
                null);
    }

    /** Reads a tree into a fabric8 model class, refusing unknown, dropped and mistyped fields. */
    static <T> T typed(Object tree, Class<T> type, String where) {
        T value;
        try {
            value = MAPPER.convertValue(tree, type);
        } catch (IllegalArgumentException e) {
            throw new StrictParseException(
                    where + ": does not read as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        collectAdditionalProperties(value, where, problems);
        collectDropped(tree, MAPPER.convertValue(value, Object.class), where, problems);
        if (!problems.isEmpty()) {
            throw new StrictParseException(String.join("\n", problems), null);
        }
        return value;
    }

    private static void collectAdditionalProperties(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectAdditionalProperties(v, path + "." + k, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectAdditionalProperties(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        BeanDescription description =
                MAPPER.getSerializationConfig().introspect(MAPPER.constructType(value.getClass()));
        AnnotatedMember anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
            problems.add(path + ": unknown field(s) " + extra.keySet());
        }
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null && !Objects.equals(accessor, anyGetter)) {
                collectAdditionalProperties(accessor.getValue(value), path + "." + property.getName(), problems);
            }
        }
    }

    /** Every field of the input must survive the round trip through the model with the same value. */
    private static void collectDropped(Object input, Object written, String path, List<String> problems) {
        if (input instanceof Map<?, ?> in) {
            if (!(written instanceof Map<?, ?> out)) {
                problems.add(path + ": read as " + written + " instead of an object");
                return;
            }
            for (Map.Entry<?, ?> e : in.entrySet()) {
                String child = path + "." + e.getKey();
                if (!out.containsKey(e.getKey())) {
                    problems.add(child + ": field dropped by the model (unknown or misplaced)");
                } else {
                    collectDropped(e.getValue(), out.get(e.getKey()), child, problems);
                }
            }
        } else if (input instanceof List<?> in) {
            if (!(written instanceof List<?> out) || out.size() != in.size()) {
                problems.add(path + ": list read as " + written);
                return;
            }
            for (int i = 0; i < in.size(); i++) {
                collectDropped(in.get(i), out.get(i), path + "[" + i + "]", problems);
            }
        } else if (input instanceof Number in && written instanceof Number out) {
            // The tree holds Integer where the model holds Long (or the reverse): compare the numbers, not the boxes.
            if (new BigDecimal(in.toString()).compareTo(new BigDecimal(out.toString())) != 0) {
                problems.add(path + ": value " + input + " read as " + written);
            }
        } else if (!Objects.equals(input, written)) {
            problems.add(path + ": value " + input + " read as " + written);
        }
    }
}

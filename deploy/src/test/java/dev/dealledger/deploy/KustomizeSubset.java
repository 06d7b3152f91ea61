package dev.dealledger.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the small subset of kustomize that {@code deploy/}
 * uses, so that CI can check the rendered objects without a kustomize binary.
 *
 * <p>The subset, applied in kustomize's own order:
 *
 * <ol>
 *   <li>{@code resources}: YAML files (one or more documents) and directories holding a kustomization, rendered
 *       first (a base);
 *   <li>{@code patches}: entries with only a {@code path}, each a strategic-merge patch whose {@code apiVersion},
 *       {@code kind} and {@code metadata.name} pick exactly one resource. Maps merge key by key, a {@code null}
 *       deletes; lists merge by key only where the Kubernetes schema names that key for pod specs ({@code containers}
 *       and {@code initContainers} and {@code env} and {@code volumes} by {@code name}, {@code volumeMounts} by
 *       {@code mountPath}), the patch's items first, then the original items it did not mention, as kustomize
 *       orders them. A patch holding any other list, or a {@code $patch} directive, is refused rather than guessed
 *       at;
 *   <li>{@code namespace}: set on every resource (all kinds here are namespaced; a cluster-scoped kind is refused);
 *   <li>{@code labels}: {@code pairs} added to every resource's {@code metadata.labels} (neither
 *       {@code includeSelectors} nor {@code includeTemplates});
 *   <li>{@code images}: {@code name} matched against the image name of pod-template containers, replaced by
 *       {@code newName}, {@code newTag} or {@code digest}.
 * </ol>
 *
 * <p>Any other kustomization field (generators, replacements, name prefixes, components, ...) fails the rendering
 * with {@link UnsupportedKustomization}: extend this class, and the comparison against {@code kubectl kustomize} in
 * {@code KubectlKustomizeAgreementTest}, before using one.
 */
final class KustomizeSubset {

    static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "resources", "patches", "labels", "images");

    /** List fields a patch may merge into, with their merge key (from the Kubernetes strategic-merge schema). */
    static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    static final Set<String> CLUSTER_SCOPED_KINDS = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass",
            "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration");

    /** A kustomization that uses kustomize beyond the subset this renderer implements. */
    static final class UnsupportedKustomization extends RuntimeException {
        UnsupportedKustomization(String message) {
            super(message);
        }
    }

    private KustomizeSubset() {}

    static List<Map<String, Object>> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        Map<String, Object> kustomization = Yaml.single(file);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedKustomization(file + ": field '" + field + "' is outside the supported subset "
                        + new java.util.TreeSet<>(SUPPORTED_FIELDS));
            }
        }
        require(
                "kustomize.config.k8s.io/v1beta1".equals(kustomization.get("apiVersion")),
                file + ": apiVersion must be kustomize.config.k8s.io/v1beta1");
        require("Kustomization".equals(kustomization.get("kind")), file + ": kind must be Kustomization");

        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(kustomization, "resources", file)) {
            Path path = directory.resolve(string(entry, file + " resources")).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                for (Map<String, Object> document : Yaml.documents(path)) {
                    identify(document, path.toString());
                    resources.add(document);
                }
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Map<String, Object> resource : resources) {
            require(ids.add(id(resource)), file + ": resource " + id(resource) + " is declared twice");
        }

        for (Object entry : list(kustomization, "patches", file)) {
            Map<String, Object> patchEntry = Yaml.asObject(entry, file + " patches");
            require(
                    patchEntry.keySet().equals(Set.of("path")),
                    file + ": a patch entry may only have 'path' (no target, no inline patch): " + patchEntry);
            Path patchFile = directory
                    .resolve(string(patchEntry.get("path"), file + " patches"))
                    .normalize();
            applyPatch(resources, Yaml.single(patchFile), patchFile.toString());
        }

        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            String ns = string(namespace, file + " namespace");
            for (Map<String, Object> resource : resources) {
                if (CLUSTER_SCOPED_KINDS.contains(resource.get("kind"))) {
                    throw new UnsupportedKustomization(file + ": cluster-scoped " + id(resource) + " with namespace");
                }
                metadata(resource).put("namespace", ns);
            }
        }

        for (Object entry : list(kustomization, "labels", file)) {
            Map<String, Object> labels = Yaml.asObject(entry, file + " labels");
            for (String key : labels.keySet()) {
                if (!key.equals("pairs")
                        && !(Set.of("includeSelectors", "includeTemplates").contains(key)
                                && Boolean.FALSE.equals(labels.get(key)))) {
                    throw new UnsupportedKustomization(file + ": labels may only have 'pairs' here, found " + key);
                }
            }
            Map<String, Object> pairs = Yaml.asObject(labels.get("pairs"), file + " labels.pairs");
            for (Map<String, Object> resource : resources) {
                Map<String, Object> metadata = metadata(resource);
                Map<String, Object> existing = metadata.get("labels") == null
                        ? new LinkedHashMap<>()
                        : Yaml.asObject(metadata.get("labels"), id(resource) + " labels");
                pairs.forEach((k, v) -> existing.put(k, string(v, file + " labels.pairs." + k)));
                metadata.put("labels", existing);
            }
        }

        for (Object entry : list(kustomization, "images", file)) {
            Map<String, Object> image = Yaml.asObject(entry, file + " images");
            for (String key : image.keySet()) {
                if (!Set.of("name", "newName", "newTag", "digest").contains(key)) {
                    throw new UnsupportedKustomization(file + ": images entries may not have " + key);
                }
            }
            for (Map<String, Object> resource : resources) {
                for (Map<String, Object> container : podTemplateContainers(resource)) {
                    Object current = container.get("image");
                    if (current instanceof String reference) {
                        container.put("image", retag(reference, image));
                    }
                }
            }
        }
        return resources;
    }

    /** kind/namespace/name, as kustomize identifies a resource. */
    static String id(Map<String, Object> resource) {
        Map<String, Object> metadata = metadata(resource);
        return resource.get("kind") + "/" + Objects.requireNonNullElse(metadata.get("namespace"), "~") + "/"
                + metadata.get("name");
    }

    static Object strategicMerge(Object original, Object patch, String field, String where) {
        if (patch instanceof Map<?, ?> patchMap && original instanceof Map<?, ?> originalMap) {
            Map<String, Object> merged = Yaml.deepCopy(Yaml.asObject(originalMap, where));
            for (Map.Entry<?, ?> e : patchMap.entrySet()) {
                String key = (String) e.getKey();
                if (key.startsWith("$")) {
                    throw new UnsupportedKustomization(where + ": patch directive " + key + " is not supported");
                }
                if (e.getValue() == null) {
                    merged.remove(key);
                } else if (merged.containsKey(key)) {
                    merged.put(key, strategicMerge(merged.get(key), e.getValue(), key, where + "." + key));
                } else {
                    merged.put(key, Yaml.deepCopy(e.getValue()));
                }
            }
            return merged;
        }
        if (patch instanceof List<?> patchList) {
            String mergeKey = MERGE_KEYS.get(field);
            if (mergeKey == null) {
                throw new UnsupportedKustomization(where + ": a patch of list '" + field
                        + "' (kustomize's merge semantics for it depend on the schema; not in the subset)");
            }
            List<Object> remaining = original instanceof List<?> originalList
                    ? new ArrayList<>(Yaml.deepCopy(originalList))
                    : new ArrayList<>();
            // As kustomize orders it: the patch's items first, in the patch's order (merged into the original item
            // with the same key, if any), then the original items the patch did not mention, in their order.
            List<Object> merged = new ArrayList<>();
            for (Object item : patchList) {
                Map<String, Object> patchItem = Yaml.asObject(item, where);
                Object key = patchItem.get(mergeKey);
                require(key != null, where + ": list item without merge key " + mergeKey);
                int index = indexOf(remaining, mergeKey, key);
                if (index < 0) {
                    merged.add(Yaml.deepCopy(patchItem));
                } else {
                    merged.add(strategicMerge(remaining.remove(index), patchItem, field, where + "[" + key + "]"));
                }
            }
            merged.addAll(remaining);
            return merged;
        }
        return Yaml.deepCopy(patch);
    }

    private static void applyPatch(List<Map<String, Object>> resources, Map<String, Object> patch, String where) {
        identify(patch, where);
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            Map<String, Object> candidate = resources.get(i);
            if (Objects.equals(candidate.get("apiVersion"), patch.get("apiVersion"))
                    && Objects.equals(candidate.get("kind"), patch.get("kind"))
                    && Objects.equals(
                            metadata(candidate).get("name"), metadata(patch).get("name"))) {
                matches.add(i);
            }
        }
        require(matches.size() == 1, where + ": the patch must match exactly one resource, matched " + matches.size());
        int index = matches.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) strategicMerge(resources.get(index), patch, "", where);
        resources.set(index, merged);
    }

    private static String retag(String reference, Map<String, Object> image) {
        String name = reference;
        String suffix = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            suffix = name.substring(at);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                suffix = name.substring(colon);
                name = name.substring(0, colon);
            }
        }
        if (!name.equals(image.get("name"))) {
            return reference;
        }
        String newName = image.get("newName") == null ? name : string(image.get("newName"), "images.newName");
        if (image.get("digest") != null) {
            suffix = "@" + string(image.get("digest"), "images.digest");
        } else if (image.get("newTag") != null) {
            suffix = ":" + string(image.get("newTag"), "images.newTag");
        }
        return newName + suffix;
    }

    /** The containers and init containers of a workload's pod template (Deployment, StatefulSet, Job...). */
    static List<Map<String, Object>> podTemplateContainers(Map<String, Object> resource) {
        List<Map<String, Object>> containers = new ArrayList<>();
        Object podSpec = Yaml.at(resource, "spec.template.spec");
        if (podSpec instanceof Map<?, ?> spec) {
            for (String field : List.of("initContainers", "containers")) {
                Object list = spec.get(field);
                if (list instanceof List<?> items) {
                    for (Object item : items) {
                        containers.add(Yaml.asObject(item, id(resource) + " " + field));
                    }
                }
            }
        }
        return containers;
    }

    private static int indexOf(List<Object> items, String key, Object value) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> item && value.equals(item.get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static void identify(Map<String, Object> document, String where) {
        require(document.get("apiVersion") instanceof String, where + ": a document without apiVersion");
        require(document.get("kind") instanceof String, where + ": a document without kind");
        require(metadata(document).get("name") instanceof String, where + ": a document without metadata.name");
    }

    private static Map<String, Object> metadata(Map<String, Object> resource) {
        Object metadata = resource.get("metadata");
        if (metadata == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            resource.put("metadata", created);
            return created;
        }
        return Yaml.asObject(metadata, "metadata");
    }

    private static List<Object> list(Map<String, Object> kustomization, String field, Path file) {
        Object value = kustomization.get(field);
        return value == null ? List.of() : Yaml.asList(value, file + " " + field);
    }

    private static String string(Object value, String where) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(where + ": expected a string, found " + value);
        }
        return s;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

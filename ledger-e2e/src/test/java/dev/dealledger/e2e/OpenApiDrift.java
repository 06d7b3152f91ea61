package dev.dealledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a service's generated OpenAPI document with its document of record, on what an integrator's generated
 * client depends on:
 *
 * <ul>
 *   <li>paths, and the operations (HTTP methods) on each;
 *   <li>each operation's parameters by {@code in} and {@code name} (header names case-insensitively, as HTTP has
 *       them), and whether each is required;
 *   <li>whether it takes a request body, the body's media types, and the property names reachable from the body's
 *       JSON schema, nested ones included ({@code rows[].committed});
 *   <li>its success (2xx) status codes, their media types, and the property names reachable from their JSON schemas.
 * </ul>
 *
 * Error answers (4xx/5xx) are left out on purpose: they are written by exception mappers, which the service's scanner
 * cannot see, and every one is the same problem+json schema; their shape is pinned by the consumer test (typed
 * problems) and the services' own problem tests. Descriptions, examples, operation ids, tags, types and patterns are
 * not compared: the document of record is richer than anything a scanner derives, and a type change shows in the
 * consumer test.
 */
final class OpenApiDrift {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode record;
    private final JsonNode service;
    private final List<String> differences = new ArrayList<>();

    private OpenApiDrift(JsonNode record, JsonNode service) {
        this.record = record;
        this.service = service;
    }

    /** The document of record of a service ({@code ledger-command} or {@code ledger-query}), parsed. */
    static JsonNode documentOfRecord(String service) throws IOException {
        Path dir = Path.of(System.getProperty("ledger.e2e.openapi", "../ledger-api/src/main/openapi"));
        return read(dir.resolve(service + ".yaml"));
    }

    /** Reads a document in YAML or JSON (JSON is YAML). */
    static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    static JsonNode read(String text) throws IOException {
        return YAML.readTree(text);
    }

    /** Every difference, one line each, in a stable order; empty when the service agrees with the record. */
    static List<String> differences(JsonNode record, JsonNode service) {
        OpenApiDrift drift = new OpenApiDrift(record, service);
        drift.comparePaths();
        return List.copyOf(drift.differences);
    }

    private void comparePaths() {
        Map<String, JsonNode> recordPaths = fields(record.path("paths"));
        Map<String, JsonNode> servicePaths = fields(service.path("paths"));
        for (String path : union(recordPaths.keySet(), servicePaths.keySet())) {
            if (!servicePaths.containsKey(path)) {
                differ("path %s: in the document of record, not served", path);
            } else if (!recordPaths.containsKey(path)) {
                differ("path %s: served, not in the document of record", path);
            } else {
                compareOperations(path, recordPaths.get(path), servicePaths.get(path));
            }
        }
    }

    private void compareOperations(String path, JsonNode recordItem, JsonNode serviceItem) {
        for (String method : METHODS) {
            boolean inRecord = recordItem.has(method);
            boolean inService = serviceItem.has(method);
            String operation = method.toUpperCase(Locale.ROOT) + " " + path;
            if (inRecord && !inService) {
                differ("operation %s: in the document of record, not served", operation);
            } else if (inService && !inRecord) {
                differ("operation %s: served, not in the document of record", operation);
            } else if (inRecord) {
                compareParameters(operation, recordItem, serviceItem, method);
                compareRequestBody(operation, recordItem.get(method), serviceItem.get(method));
                compareResponses(operation, recordItem.get(method), serviceItem.get(method));
            }
        }
    }

    private void compareParameters(String operation, JsonNode recordItem, JsonNode serviceItem, String method) {
        Map<String, Boolean> inRecord = parameters(record, recordItem, method);
        Map<String, Boolean> inService = parameters(service, serviceItem, method);
        for (String key : union(inRecord.keySet(), inService.keySet())) {
            if (!inService.containsKey(key)) {
                differ("operation %s parameter %s: in the document of record, not served", operation, key);
            } else if (!inRecord.containsKey(key)) {
                differ("operation %s parameter %s: served, not in the document of record", operation, key);
            } else if (!inRecord.get(key).equals(inService.get(key))) {
                differ(
                        "operation %s parameter %s: required=%s in the document of record, required=%s served",
                        operation, key, inRecord.get(key), inService.get(key));
            }
        }
    }

    /** "in name" to required, path-level parameters overridden by operation-level ones. */
    private static Map<String, Boolean> parameters(JsonNode document, JsonNode pathItem, String method) {
        Map<String, Boolean> out = new TreeMap<>();
        for (JsonNode source :
                List.of(pathItem.path("parameters"), pathItem.path(method).path("parameters"))) {
            for (JsonNode p : source) {
                JsonNode parameter = resolve(document, p);
                String in = parameter.path("in").asText();
                String name = parameter.path("name").asText();
                if (in.equals("header")) {
                    name = name.toLowerCase(Locale.ROOT);
                }
                boolean required =
                        in.equals("path") || parameter.path("required").asBoolean(false);
                out.put(in + " " + name, required);
            }
        }
        return out;
    }

    private void compareRequestBody(String operation, JsonNode recordOperation, JsonNode serviceOperation) {
        JsonNode recordBody = resolve(record, recordOperation.path("requestBody"));
        JsonNode serviceBody = resolve(service, serviceOperation.path("requestBody"));
        if (recordBody.isMissingNode() != serviceBody.isMissingNode()) {
            differ(
                    "operation %s request body: %s",
                    operation,
                    recordBody.isMissingNode()
                            ? "served, not in the document of record"
                            : "in the document of record, not served");
            return;
        }
        if (!recordBody.isMissingNode()) {
            compareContent(
                    "operation " + operation + " request body",
                    recordBody.path("content"),
                    serviceBody.path("content"));
        }
    }

    private void compareResponses(String operation, JsonNode recordOperation, JsonNode serviceOperation) {
        Map<String, JsonNode> recordResponses = successes(recordOperation.path("responses"));
        Map<String, JsonNode> serviceResponses = successes(serviceOperation.path("responses"));
        for (String status : union(recordResponses.keySet(), serviceResponses.keySet())) {
            if (!serviceResponses.containsKey(status)) {
                differ("operation %s response %s: in the document of record, not served", operation, status);
            } else if (!recordResponses.containsKey(status)) {
                differ("operation %s response %s: served, not in the document of record", operation, status);
            } else {
                compareContent(
                        "operation " + operation + " response " + status,
                        resolve(record, recordResponses.get(status)).path("content"),
                        resolve(service, serviceResponses.get(status)).path("content"));
            }
        }
    }

    private static Map<String, JsonNode> successes(JsonNode responses) {
        Map<String, JsonNode> out = new TreeMap<>();
        fields(responses).forEach((status, response) -> {
            if (status.startsWith("2")) {
                out.put(status, response);
            }
        });
        return out;
    }

    /**
     * The media types as a client receives them. A {@code qs} parameter is the server's own preference when a client
     * accepts several types (JAX-RS content negotiation: CSV ranks below JSON for {@code Accept: *}{@code /*}); it is
     * never part of an answer's {@code Content-Type}, so the document of record leaves it out.
     */
    private static Set<String> withoutQualityFactor(Set<String> types) {
        Set<String> out = new TreeSet<>();
        types.forEach(t -> out.add(t.replaceAll(";\\s*qs=[0-9.]+", "")));
        return out;
    }

    private void compareContent(String where, JsonNode recordContent, JsonNode serviceContent) {
        Set<String> recordTypes = fields(recordContent).keySet();
        Set<String> serviceTypes = fields(serviceContent).keySet();
        Set<String> recordServed = withoutQualityFactor(recordTypes);
        Set<String> serviceServed = withoutQualityFactor(serviceTypes);
        for (String type : union(recordServed, serviceServed)) {
            if (!serviceServed.contains(type)) {
                differ("%s media type %s: in the document of record, not served", where, type);
            } else if (!recordServed.contains(type)) {
                differ("%s media type %s: served, not in the document of record", where, type);
            }
        }
        Set<String> recordFields = new TreeSet<>();
        Set<String> serviceFields = new TreeSet<>();
        for (String type : recordTypes) {
            if (type.contains("json")) {
                collectFields(record, recordContent.path(type).path("schema"), "", new HashSet<>(), recordFields);
            }
        }
        for (String type : serviceTypes) {
            if (type.contains("json")) {
                collectFields(service, serviceContent.path(type).path("schema"), "", new HashSet<>(), serviceFields);
            }
        }
        for (String field : union(recordFields, serviceFields)) {
            if (!serviceFields.contains(field)) {
                differ("%s field %s: in the document of record, not served", where, field);
            } else if (!recordFields.contains(field)) {
                differ("%s field %s: served, not in the document of record", where, field);
            }
        }
    }

    /**
     * Adds the property names reachable from a schema, as dotted paths; array items add {@code []}. References are
     * followed, and a reference already being followed on the way down (a recursive schema) stops the descent.
     */
    static void collectFields(
            JsonNode document, JsonNode schema, String prefix, Set<String> following, Set<String> out) {
        if (schema == null || schema.isMissingNode() || !schema.isObject()) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (following.add(ref)) {
                collectFields(document, pointer(document, ref), prefix, following, out);
                following.remove(ref);
            }
        }
        for (String composition : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode part : schema.path(composition)) {
                collectFields(document, part, prefix, following, out);
            }
        }
        if (schema.has("items")) {
            String itemPrefix = prefix.isEmpty() ? "[]." : prefix.substring(0, prefix.length() - 1) + "[].";
            collectFields(document, schema.get("items"), itemPrefix, following, out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectFields(document, schema.get("additionalProperties"), prefix + "*.", following, out);
        }
        fields(schema.path("properties")).forEach((name, property) -> {
            out.add(prefix + name);
            collectFields(document, property, prefix + name + ".", following, out);
        });
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 20; hops++) {
            current = pointer(document, current.get("$ref").asText());
        }
        return current;
    }

    private static JsonNode pointer(JsonNode document, String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("dangling reference " + ref);
        }
        return target;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private void differ(String format, Object... args) {
        differences.add(String.format(format, args));
    }
}

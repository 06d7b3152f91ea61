package dev.dealledger.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An allow-list schema for a custom resource without a typed model: which fields may appear, of which type, and
 * which must. Everything not listed is an error.
 */
sealed interface Shape {

    void check(Object value, String path, List<String> problems);

    /** A mapping with exactly these optional fields, of which {@code required} must be present. */
    record Fields(Map<String, Shape> fields, Set<String> required) implements Shape {
        @Override
        public void check(Object value, String path, List<String> problems) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path + ": expected an object, found " + value);
                return;
            }
            for (String name : required) {
                if (!map.containsKey(name)) {
                    problems.add(path + "." + name + ": required field missing");
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Shape shape = fields.get(String.valueOf(e.getKey()));
                if (shape == null) {
                    problems.add(path + "." + e.getKey() + ": unknown field (allowed: " + fields.keySet() + ")");
                } else {
                    shape.check(e.getValue(), path + "." + e.getKey(), problems);
                }
            }
        }
    }

    /** A string, optionally one of a set of values. */
    record Text(Set<String> oneOf) implements Shape {
        @Override
        public void check(Object value, String path, List<String> problems) {
            if (!(value instanceof String s)) {
                problems.add(path + ": expected a string, found " + value);
            } else if (!oneOf.isEmpty() && !oneOf.contains(s)) {
                problems.add(path + ": '" + s + "' is not one of " + oneOf);
            }
        }
    }

    record Int(long min, long max) implements Shape {
        @Override
        public void check(Object value, String path, List<String> problems) {
            if (!(value instanceof Integer || value instanceof Long)) {
                problems.add(path + ": expected an integer, found " + value);
            } else if (((Number) value).longValue() < min || ((Number) value).longValue() > max) {
                problems.add(path + ": " + value + " is outside [" + min + ", " + max + "]");
            }
        }
    }

    record Bool() implements Shape {
        @Override
        public void check(Object value, String path, List<String> problems) {
            if (!(value instanceof Boolean)) {
                problems.add(path + ": expected true or false, found " + value);
            }
        }
    }

    /** A mapping from arbitrary string keys to values of one shape (labels, PostgreSQL parameters). */
    record MapOf(Shape values) implements Shape {
        @Override
        public void check(Object value, String path, List<String> problems) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path + ": expected a map, found " + value);
                return;
            }
            map.forEach((k, v) -> values.check(v, path + "." + k, problems));
        }
    }

    record ListOf(Shape items) implements Shape {
        @Override
        public void check(Object value, String path, List<String> problems) {
            if (!(value instanceof List<?> list)) {
                problems.add(path + ": expected a list, found " + value);
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                items.check(list.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    /** A Kubernetes core type embedded in the custom resource, checked strictly against its fabric8 model. */
    record Typed(Class<?> type) implements Shape {
        @Override
        public void check(Object value, String path, List<String> problems) {
            try {
                StrictModel.typed(value, type, path);
            } catch (StrictModel.StrictParseException e) {
                problems.add(e.getMessage());
            }
        }
    }

    static Shape text(String... oneOf) {
        return new Text(Set.of(oneOf));
    }

    static Shape bool() {
        return new Bool();
    }

    /** Alternating field names and shapes; a name ending in '!' is required. */
    static Shape fields(Object... namesAndShapes) {
        Map<String, Shape> fields = new LinkedHashMap<>();
        Set<String> required = new java.util.LinkedHashSet<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            String name = (String) namesAndShapes[i];
            if (name.endsWith("!")) {
                name = name.substring(0, name.length() - 1);
                required.add(name);
            }
            fields.put(name, (Shape) namesAndShapes[i + 1]);
        }
        return new Fields(Map.copyOf(fields), Set.copyOf(required));
    }
}

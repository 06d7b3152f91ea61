package dev.dealledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request body under construction: field order kept, so the JSON sent reads like the OpenAPI contract's examples. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Object> fields;

    private Json(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** {@code object("a", 1, "b", "x")}: alternating names and values. */
    static Json object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Json(fields);
    }

    /** A copy with {@code name} set to {@code value}; a {@code null} value is written as JSON null. */
    Json with(String name, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put(name, value);
        return new Json(next);
    }

    Json without(String name) {
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.remove(name);
        return new Json(next);
    }

    @Override
    public String toString() {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.playbake.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;

/** Deep copies and structural comparison of resource parts through their JSON form. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static <T> T copy(T value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    /** Whether two values serialise to the same JSON, which is what the API server would store. */
    static boolean same(Object a, Object b) {
        return Objects.equals(MAPPER.valueToTree(a), MAPPER.valueToTree(b));
    }
}

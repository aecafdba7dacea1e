package dev.playbake.engine.actions;

import java.util.LinkedHashMap;
import java.util.Map;

/** A rendered value as a fresh mutable map (rendering keeps Ansible's types, so a map stays a map). */
public final class Maps {

    private Maps() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        return new LinkedHashMap<>();
    }
}

package dev.playbake.playbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The shapes a parsed YAML node must have (a list, a mapping, vars), checked with the parser's messages. */
final class Nodes {

    private Nodes() {
    }

    static Map<String, Object> vars(Object value, Location at, String what) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        if (value instanceof List<?> list) {  // a list of mappings, as Ansible also accepts
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map)) {
                    throw new PlaybookException(at, "'" + what + "' must be a mapping");
                }
                merged.putAll(stringKeys(map));
            }
            return merged;
        }
        throw new PlaybookException(at, "'" + what + "' must be a mapping, not " + describe(value));
    }

    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    static List<?> list(Object value, Location at, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new PlaybookException(at, what + " must be a list, not " + describe(value));
        }
        return list;
    }

    static LocatedMap requireMap(Object value, Location parent, String what) {
        if (value instanceof LocatedMap map) {
            return map;
        }
        throw new PlaybookException(parent, what + " must be a mapping, not " + describe(value)
                + (value instanceof String s ? " ('" + s + "')" : ""));
    }

    static String describe(Object value) {
        if (value == null) {
            return "empty";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return value instanceof String ? "a string" : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    static String string(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    static String taskLabel(String name) {
        return name.isEmpty() ? "" : "task '" + name + "': ";
    }
}

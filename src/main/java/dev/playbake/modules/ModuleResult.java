package dev.playbake.modules;

import java.util.LinkedHashMap;
import java.util.Map;

/** A module's result in Ansible's shape ({@code changed}, {@code failed}, {@code msg}, {@code rc}, …). */
public record ModuleResult(Map<String, Object> values) {

    public ModuleResult {
        values = new LinkedHashMap<>(values);
        values.putIfAbsent("changed", false);
    }

    public static ModuleResult ok(Map<String, Object> values) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put("changed", false);
        return new ModuleResult(v);
    }

    public static ModuleResult changed(boolean changed, Map<String, Object> values) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put("changed", changed);
        return new ModuleResult(v);
    }

    public static ModuleResult failed(String message) {
        return failed(message, Map.of());
    }

    public static ModuleResult failed(String message, Map<String, Object> values) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put("failed", true);
        v.put("msg", message);
        return new ModuleResult(v);
    }

    public boolean isChanged() {
        return Boolean.TRUE.equals(values.get("changed"));
    }

    public boolean isFailed() {
        return Boolean.TRUE.equals(values.get("failed"));
    }
}

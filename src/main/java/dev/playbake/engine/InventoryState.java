package dev.playbake.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What group_by and add_host made of the build's one-host inventory: groups, their links, host variables. */
final class InventoryState {

    /** Every run-time group, in the order they were made; each holds the build container. */
    final Set<String> groups = new LinkedHashSet<>();
    /** Each group's parent groups ('all' for a group made without one, as Ansible's inventory does). */
    final Map<String, Set<String>> parents = new LinkedHashMap<>();
    /** The groups the host was put in itself, not through a child group. */
    final Set<String> direct = new LinkedHashSet<>();
    /** add_host's host variables. */
    final Map<String, Object> vars = new LinkedHashMap<>();

    Map<String, Object> export() {
        Map<String, Object> links = new LinkedHashMap<>();
        parents.forEach((child, of) -> links.put(child, new ArrayList<>(of)));
        Map<String, Object> exported = new LinkedHashMap<>();
        exported.put("groups", new ArrayList<>(groups));
        exported.put("parents", links);
        exported.put("direct", new ArrayList<>(direct));
        exported.put("vars", new LinkedHashMap<>(vars));
        return exported;
    }

    @SuppressWarnings("unchecked")
    static InventoryState restore(Map<String, Object> exported) {
        InventoryState state = new InventoryState();
        state.groups.addAll((List<String>) exported.getOrDefault("groups", List.of()));
        ((Map<String, List<String>>) exported.getOrDefault("parents", Map.of()))
                .forEach((child, of) -> state.parents.put(child, new LinkedHashSet<>(of)));
        state.direct.addAll((List<String>) exported.getOrDefault("direct", List.of()));
        state.vars.putAll((Map<String, Object>) exported.getOrDefault("vars", Map.of()));
        return state;
    }
}

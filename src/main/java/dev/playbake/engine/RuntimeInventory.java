package dev.playbake.engine;

import dev.playbake.modules.ModuleException;
import dev.playbake.python.Fnmatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inventory as a build sees it: one host, the build container, which {@code group_by} and
 * {@code add_host} may put in groups. Once it is in a group, plays' host patterns are matched against
 * its groups as Ansible matches them; before, every play runs on the build container, since the
 * patterns name the user's own inventory, which a build does not have.
 */
public final class RuntimeInventory {

    // add_host's arguments that are not host variables (Ansible's special_args: 'host' and 'group' are vars)
    private static final List<String> ADD_HOST_SPECIAL = List.of("name", "hostname", "groupname", "groups");

    private final String host;
    private final InventoryState state;

    RuntimeInventory(String host, HostState state) {
        this.host = host;
        this.state = state.inventory();
    }

    /** {@code group_by}: puts the host in the group {@code key} and that group in {@code parents}. */
    public Map<String, Object> groupBy(Map<String, Object> args) {
        Object key = args.get("key");
        if (key == null) {
            throw new ModuleException("the 'key' param is required when using group_by");
        }
        for (String name : args.keySet()) {
            if (!name.equals("key") && !name.equals("parents")) {
                throw new ModuleException("Invalid options for group_by: " + name);
            }
        }
        String group = dashed(String.valueOf(key));
        Object parentsArg = args.getOrDefault("parents", List.of("all"));
        List<String> parents = (parentsArg instanceof List<?> list ? list : List.of(parentsArg)).stream()
                .map(p -> dashed(String.valueOf(p))).toList();
        // as Ansible's strategy judges it: a new parent group, a new parent-child link, or the host new in the group
        boolean changed = false;
        state.groups.add(group);
        for (String parent : parents) {
            changed |= !parent.equals("all") && state.groups.add(parent);
        }
        for (String parent : parents) {
            changed |= state.parents.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(parent);
        }
        changed |= joinDirectly(group);
        reconcile();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", changed);
        result.put("add_group", group);
        result.put("parent_groups", parents);
        return result;
    }

    /** {@code add_host}: only for the build container itself, to add it to groups or set its variables. */
    public Map<String, Object> addHost(Map<String, Object> args) {
        Object name = args.getOrDefault("name", args.getOrDefault("hostname", args.get("host")));
        if (name == null) {
            throw new ModuleException("name, host or hostname needs to be provided");
        }
        if (!host.equals(String.valueOf(name))) {
            throw new ModuleException("add_host: a build has one host, the build container '" + host
                    + "', and cannot add '" + name + "'; add_host can only put the build container in groups or set "
                    + "its variables (name: \"{{ inventory_hostname }}\")");
        }
        Object groupsArg = args.getOrDefault("groupname", args.getOrDefault("groups", args.getOrDefault("group", "")));
        List<String> groups = new ArrayList<>();
        for (Object group : groupsArg instanceof List<?> list ? list : List.of(String.valueOf(groupsArg).split(","))) {
            String trimmed = String.valueOf(group).strip();
            if (!trimmed.isEmpty() && !groups.contains(trimmed)) {
                groups.add(trimmed);
            }
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (!ADD_HOST_SPECIAL.contains(k)) {
                vars.put(k, v);
            }
        });
        boolean changed = false;
        for (Map.Entry<String, Object> var : vars.entrySet()) {
            boolean known = state.vars.containsKey(var.getKey());
            changed |= !Objects.equals(state.vars.put(var.getKey(), var.getValue()), var.getValue()) || !known;
        }
        for (String group : groups) {
            changed |= state.groups.add(group);
            changed |= joinDirectly(group);
        }
        reconcile();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", changed);
        result.put("add_host", Map.of("host_name", host, "groups", groups, "host_vars", vars));
        return result;
    }

    /** The {@code groups} variable: all, ungrouped (empty once the host is in a group), then each group. */
    Map<String, Object> groups() {
        Map<String, Object> groups = new LinkedHashMap<>();
        groups.put("all", List.of(host));
        groups.put("ungrouped", state.groups.isEmpty() ? List.of(host) : List.of());
        state.groups.forEach(group -> groups.put(group, List.of(host)));
        return groups;
    }

    /** The {@code group_names} variable: the host's groups but 'all', sorted. */
    List<String> groupNames() {
        return state.groups.isEmpty() ? List.of("ungrouped") : state.groups.stream().sorted().toList();
    }

    /**
     * Whether a play with this host pattern runs on the build container: always until the host joined a
     * group; then as Ansible evaluates patterns (',' or ':' separated; the union of the plain terms,
     * intersected with the '&' terms, less the '!' terms; wildcards and '~regex' on names).
     */
    boolean selects(String pattern) {
        if (state.groups.isEmpty()) {
            return true;
        }
        boolean union = false;
        boolean intersection = true;
        boolean excluded = false;
        for (String term : pattern.split(pattern.contains(",") ? "," : ":")) {
            String t = term.strip();
            if (t.startsWith("!")) {
                excluded |= names(t.substring(1));
            } else if (t.startsWith("&")) {
                intersection &= names(t.substring(1));
            } else if (!t.isEmpty()) {
                union |= names(t);
            }
        }
        return union && intersection && !excluded;
    }

    private boolean names(String term) {
        List<String> names = new ArrayList<>(List.of("all", "*", host));
        names.addAll(state.groups);
        if (term.startsWith("~")) {
            Pattern regex = Pattern.compile(term.substring(1));
            return names.stream().anyMatch(n -> regex.matcher(n).find());
        }
        if (term.contains("*") || term.contains("?") || term.contains("[")) {
            Pattern glob = Pattern.compile(Fnmatch.translate(term));
            return names.stream().anyMatch(n -> glob.matcher(n).matches());
        }
        return names.contains(term);
    }

    /** Whether the host is new in the group itself (through a child group it is in every group already). */
    private boolean joinDirectly(String group) {
        return state.direct.add(group);
    }

    /** Ansible's reconcile_inventory: a group with no parent is a child of 'all'. */
    private void reconcile() {
        for (String group : state.groups) {
            Set<String> parents = state.parents.computeIfAbsent(group, g -> new LinkedHashSet<>());
            if (parents.isEmpty()) {
                parents.add("all");
            }
        }
    }

    private static String dashed(String name) {
        return name.replace(' ', '-');
    }
}

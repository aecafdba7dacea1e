package dev.playbake.engine;

import dev.playbake.modules.Args;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The part of the gathered facts a {@code setup} task asks for with {@code gather_subset} and {@code filter}. */
public final class FactSelection {

    /** Facts of Ansible's subsets other than min, by the subset's name. */
    private static final Map<String, Set<String>> SUBSETS = Map.of(
            "hardware", Set.of("processor_count", "processor_cores", "processor_vcpus", "processor_nproc", "memtotal_mb",
                    "memfree_mb", "mounts"),
            "network", Set.of("default_ipv4"),
            "virtual", Set.of("virtualization_type", "virtualization_role"));

    private FactSelection() {
    }

    /** The facts {@code gather_subset} (default all; min always unless !min) and {@code filter} globs keep. */
    public static Map<String, Object> select(Map<String, Object> facts, Map<String, Object> setupArgs) {
        Args args = new Args(setupArgs);
        List<String> subset = args.has("gather_subset") ? args.list("gather_subset") : List.of("all");
        Set<String> included = new HashSet<>();
        Set<String> excluded = new HashSet<>();
        boolean excludeAll = false;
        boolean excludeMin = false;
        for (String item : subset) {
            String name = item.strip();
            if (name.equals("!all")) {
                excludeAll = true;
            } else if (name.equals("!min")) {
                excludeMin = true;
            } else if (name.startsWith("!")) {
                excluded.add(name.substring(1));
            } else if (name.equals("all")) {
                included.addAll(SUBSETS.keySet());
            } else {
                included.add(name);
            }
        }
        if (included.isEmpty() && !excludeAll && subset.stream().noneMatch(s -> s.strip().equals("min"))) {
            included.addAll(SUBSETS.keySet());
        }
        included.removeAll(excluded);
        List<String> filters = args.list("filter").stream().filter(f -> !f.isEmpty() && !f.equals("*")).toList();
        Map<String, Object> selected = new LinkedHashMap<>();
        for (Map.Entry<String, Object> fact : facts.entrySet()) {
            String subsetOf = SUBSETS.entrySet().stream().filter(e -> e.getValue().contains(fact.getKey()))
                    .map(Map.Entry::getKey).findFirst().orElse("min");
            boolean wanted = subsetOf.equals("min") ? !excludeMin : included.contains(subsetOf);
            if (wanted && (filters.isEmpty() || filters.stream().anyMatch(f -> matches("ansible_" + fact.getKey(), f)))) {
                selected.put(fact.getKey(), fact.getValue());
            }
        }
        return selected;
    }

    /** fnmatch on the prefixed name, and with the prefix added to a pattern that has none, as Ansible's filter does. */
    private static boolean matches(String name, String pattern) {
        return glob(pattern).matcher(name).matches()
                || !pattern.startsWith("ansible_") && !pattern.startsWith("facter") && !pattern.startsWith("ohai")
                && glob("ansible_" + pattern).matcher(name).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String set = pattern.substring(i + 1, end);
                        regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}

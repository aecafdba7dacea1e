package dev.playbake.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares what Ansible and playbake left in their containers, path by path. */
final class FilesystemComparison {

    private FilesystemComparison() {
    }

    /**
     * One side's states keyed by the name each is compared under ({@link Ignores#comparedName}): a
     * renamed path that is absent on this side (present on the other) is left out, and a second path
     * under the same name gets {@code #2}, {@code #3}, … in the order of the real names.
     */
    static Map<String, FileState> byComparedName(Map<String, FileState> side) {
        Map<String, FileState> named = new TreeMap<>();
        for (FileState state : new TreeMap<>(side).values()) {
            String name = Ignores.comparedName(state.path());
            if (name.equals(state.path())) {
                named.put(name, state);
            } else if (!state.type().equals("absent")) {
                String key = name;
                for (int n = 2; named.containsKey(key); n++) {
                    key = name + "#" + n;
                }
                named.put(key, state);
            }
        }
        return named;
    }

    /**
     * Every path whose state differs, one line each ({@code path: ansible … | playbake …}). A path
     * missing from one map counts as absent there.
     */
    static List<String> differences(Map<String, FileState> ansible, Map<String, FileState> playbake) {
        TreeSet<String> paths = new TreeSet<>(ansible.keySet());
        paths.addAll(playbake.keySet());
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            if (Ignores.ignored(path)) {
                continue;
            }
            FileState left = comparable(ansible.getOrDefault(path, FileState.absent(path)), path);
            FileState right = comparable(playbake.getOrDefault(path, FileState.absent(path)), path);
            if (Ignores.contentIgnored(path)) {
                left = left.withoutContent();
                right = right.withoutContent();
            }
            if (!left.equals(right)) {
                differences.add(path + ": ansible " + left.describe() + " | playbake " + right.describe());
            }
        }
        return differences;
    }

    /** A state under the name it is compared by, so that a renamed path's real name is no difference. */
    private static FileState comparable(FileState state, String name) {
        return new FileState(name, state.type(), state.mode(), state.owner(), state.group(), state.sha256(), state.target());
    }
}

package dev.playbake.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares what Ansible and playbake left in their containers, path by path. */
final class FilesystemComparison {

    private FilesystemComparison() {
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
            FileState left = ansible.getOrDefault(path, FileState.absent(path));
            FileState right = playbake.getOrDefault(path, FileState.absent(path));
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
}

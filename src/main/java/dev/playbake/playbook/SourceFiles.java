package dev.playbake.playbook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files a playbook may read, by path relative to the playbook's directory. Held in memory so
 * that what a build reads is exactly what its cache key covers.
 */
public final class SourceFiles {

    private final TreeMap<String, byte[]> files;

    public SourceFiles(Map<String, byte[]> files) {
        this.files = new TreeMap<>();
        files.forEach((path, content) -> this.files.put(normalize(path), content));
    }

    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(normalize(path)));
    }

    public Optional<String> readText(String path) {
        return read(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    public boolean exists(String path) {
        return files.containsKey(normalize(path));
    }

    /** Every path, sorted. */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Paths directly or indirectly under a directory, sorted. */
    public List<String> under(String directory) {
        String prefix = normalize(directory);
        String withSlash = prefix.isEmpty() ? "" : prefix + "/";
        return files.keySet().stream().filter(p -> p.startsWith(withSlash)).toList();
    }

    /** Resolves {@code .} and {@code ..} and strips leading {@code ./} and slashes. */
    public static String normalize(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.addLast(part);
        }
        return String.join("/", parts);
    }

    /** The directory part of a relative path ({@code roles/web/tasks/main.yml} → {@code roles/web/tasks}). */
    public static String parent(String path) {
        String normalized = normalize(path);
        int slash = normalized.lastIndexOf('/');
        return slash < 0 ? "" : normalized.substring(0, slash);
    }
}

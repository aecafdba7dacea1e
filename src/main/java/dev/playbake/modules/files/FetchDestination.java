package dev.playbake.modules.files;

import dev.playbake.modules.ModuleException;
import dev.playbake.python.PyPaths;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where {@code fetch} puts a file, as a path relative to the artifact folder. Ansible's rules
 * ({@code dest/<inventory_hostname>/<src>}, or with {@code flat} {@code dest} itself, or
 * {@code dest/<basename of src>} when dest ends in a slash) with one change: the artifact folder is
 * the root of every path. An absolute dest starts at that root and {@code ..} stops there, as in a
 * chroot, so a playbook can never write elsewhere on the host running the build.
 */
public final class FetchDestination {

    private FetchDestination() {
    }

    /** The file's path inside the artifact folder; never empty, never escaping it. */
    public static String of(String src, String dest, boolean flat, String hostname) {
        String path;
        if (flat) {
            path = dest.endsWith("/") ? dest + PyPaths.lastName(src) : dest;
        } else {
            // src is a path in the container, where '..' stops at its root: resolve it there first
            path = dest + "/" + hostname + "/" + confine(src);
        }
        String confined = confine(path);
        if (confined.isEmpty()) {
            throw new ModuleException("dest '" + dest + "' names the artifact folder itself, not a file in it");
        }
        return confined;
    }

    /** Normalises a path with the artifact folder as its root: no leading slash, no '.', '..' clamped at the root. */
    static String confine(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}

package dev.playbake.compat;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.docker.DockerHost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Reads a container's changes against its image: {@code docker diff} names the paths, and one
 * exec reads type, mode, owner, group, link target and content hash of each with coreutils.
 */
final class ContainerFiles {

    /**
     * Reads the paths given as arguments in three batches: stat, sha256 of regular files, and
     * targets of symlinks. A path stat cannot see is absent. (Arguments, not stdin: the exec
     * connection does not close stdin, so a reader would wait for ever.)
     */
    private static final String READ = """
            printf '%s\\0' "$@" | xargs -0 -r stat -c 'S|%F|%a|%U|%G|%n' 2>/dev/null
            for p in "$@"; do [ -f "$p" ] && [ ! -L "$p" ] && printf '%s\\0' "$p"; done | xargs -0 -r sha256sum | sed 's/^/H|/'
            for p in "$@"; do [ -L "$p" ] && printf 'L|%s|%s\\n' "$(readlink "$p")" "$p"; done
            exit 0
            """;

    private final DockerHost docker;
    private final String dockerUri;

    ContainerFiles(DockerHost docker) {
        this.docker = docker;
        this.dockerUri = docker.uri();
    }

    /** Paths the container added, changed or deleted compared with its image. */
    Collection<String> changedPaths(String containerId) {
        ProcessBuilder process = new ProcessBuilder("/usr/bin/docker", "diff", containerId)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        process.environment().put("DOCKER_HOST", dockerUri);
        try {
            Process started = process.start();
            String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!started.waitFor(1, TimeUnit.MINUTES) || started.exitValue() != 0) {
                throw new IllegalStateException("docker diff " + containerId + " failed: " + out);
            }
            TreeSet<String> paths = new TreeSet<>();
            out.lines().filter(l -> l.length() > 2).forEach(l -> paths.add(l.substring(2)));
            return paths;
        } catch (IOException e) {
            throw new IllegalStateException("docker diff " + containerId + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The state of each path in the container. */
    Map<String, FileState> read(String containerId, Collection<String> paths) {
        Map<String, FileState> states = new LinkedHashMap<>();
        paths.forEach(p -> states.put(p, FileState.absent(p)));
        if (paths.isEmpty()) {
            return states;
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", READ, "sh"));
        argv.addAll(paths);
        ExecResult result = docker.connection(containerId).exec(new ExecRequest(argv, new byte[0], Map.of(), "", ""));
        if (!result.succeeded()) {
            throw new IllegalStateException("reading files in " + containerId + " failed: " + result.stderr());
        }
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("S|")) {
                String[] f = line.split("\\|", 6);
                states.put(f[5], new FileState(f[5], type(f[1]), f[2], f[3], f[4], "", ""));
            }
        }
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("H|")) {
                String hash = line.substring(2, 66);
                String path = line.substring(68);
                states.computeIfPresent(path, (p, s) -> new FileState(p, s.type(), s.mode(), s.owner(), s.group(),
                        hash, ""));
            } else if (line.startsWith("L|")) {
                String rest = line.substring(2);
                // the target may hold '|', the path is what follows the last one we wrote
                for (String path : paths) {
                    if (rest.endsWith("|" + path)) {
                        String target = rest.substring(0, rest.length() - path.length() - 1);
                        states.computeIfPresent(path, (p, s) -> new FileState(p, s.type(), s.mode(), s.owner(),
                                s.group(), "", target));
                        break;
                    }
                }
            }
        }
        return states;
    }

    /** A regular file's content as text. */
    String content(String containerId, String path) {
        return docker.connection(containerId).fetch(path).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }

    private static String type(String statType) {
        return switch (statType) {
            case "regular file", "regular empty file" -> "file";
            case "directory" -> "directory";
            case "symbolic link" -> "link";
            default -> "other";
        };
    }
}

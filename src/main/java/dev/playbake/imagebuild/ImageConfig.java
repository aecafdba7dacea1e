package dev.playbake.imagebuild;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Image configuration to set on the result; anything empty keeps the base image's value.
 *
 * @param cmd          CMD, empty to keep the base image's
 * @param entrypoint   ENTRYPOINT, empty to keep the base image's
 * @param env          environment variables added to the base image's
 * @param workingDir   working directory
 * @param user         user[:group]
 * @param exposedPorts e.g. {@code 8080/tcp}
 * @param volumes      volume paths
 */
public record ImageConfig(
        List<String> cmd,
        List<String> entrypoint,
        Map<String, String> env,
        Optional<String> workingDir,
        Optional<String> user,
        List<String> exposedPorts,
        List<String> volumes) {

    public ImageConfig {
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        env = Map.copyOf(env);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
    }

    /** Keeps everything from the base image. */
    public static ImageConfig inherit() {
        return new ImageConfig(List.of(), List.of(), Map.of(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    /**
     * This configuration with {@code top} laid over it, as the base image's is under both: top's cmd, entrypoint,
     * working directory and user where it sets them; its environment added, its values winning; its ports and
     * volumes added.
     */
    public ImageConfig overriddenBy(ImageConfig top) {
        Map<String, String> allEnv = new LinkedHashMap<>(env);
        allEnv.putAll(top.env);
        return new ImageConfig(top.cmd.isEmpty() ? cmd : top.cmd, top.entrypoint.isEmpty() ? entrypoint : top.entrypoint,
                allEnv, top.workingDir.or(() -> workingDir), top.user.or(() -> user),
                union(exposedPorts, top.exposedPorts), union(volumes, top.volumes));
    }

    private static List<String> union(List<String> first, List<String> second) {
        LinkedHashSet<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}

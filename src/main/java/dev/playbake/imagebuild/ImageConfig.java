package dev.playbake.imagebuild;

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
}

package dev.playbake.runtime;

import java.util.List;
import java.util.Map;

/**
 * The configuration written into a committed image. Every field is explicit: an empty entrypoint
 * really is empty, so the working container's keep-alive entrypoint never leaks into an image.
 */
public record ImageSettings(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
                            String user, List<String> exposedPorts, List<String> volumes, Map<String, String> labels) {

    public ImageSettings {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
        labels = Map.copyOf(labels);
    }

    /** The same settings with other labels. */
    public ImageSettings withLabels(Map<String, String> other) {
        return new ImageSettings(entrypoint, cmd, env, workingDir, user, exposedPorts, volumes, other);
    }
}

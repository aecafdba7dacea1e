package dev.playbake.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A working container to create: the image it starts from and the labels that let cleanup find it.
 *
 * @param image   image reference or ID
 * @param labels  labels such as {@code playbake.dev/build} and {@code playbake.dev/owner}
 * @param process the environment, user and working directory it runs with; empty: the image's own
 * @param limits  the resources and network it gets
 */
public record ContainerSpec(String image, Map<String, String> labels, Optional<ImageSettings> process,
                            ContainerLimits limits) {

    public ContainerSpec {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(limits, "limits");
    }

    /** A container that runs as the image says, without limits. */
    public ContainerSpec(String image, Map<String, String> labels) {
        this(image, labels, Optional.empty(), ContainerLimits.NONE);
    }
}

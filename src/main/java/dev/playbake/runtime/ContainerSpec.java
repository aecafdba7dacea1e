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
 * @param hostname the host name it gets; empty: the runtime's own (Docker's is the container's ID)
 */
public record ContainerSpec(String image, Map<String, String> labels, Optional<ImageSettings> process,
                            ContainerLimits limits, Optional<String> hostname) {

    public ContainerSpec {
        labels = Map.copyOf(labels);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(hostname, "hostname");
    }

    /** A container with the runtime's own host name. */
    public ContainerSpec(String image, Map<String, String> labels, Optional<ImageSettings> process,
                         ContainerLimits limits) {
        this(image, labels, process, limits, Optional.empty());
    }

    /** A container that runs as the image says, without limits. */
    public ContainerSpec(String image, Map<String, String> labels) {
        this(image, labels, Optional.empty(), ContainerLimits.NONE);
    }

    /** The same container with the given host name. */
    public ContainerSpec withHostname(String name) {
        return new ContainerSpec(image, labels, process, limits, Optional.of(name));
    }
}

package dev.playbake.docker;

import java.util.Map;

/**
 * A working container to create: the image it starts from and the labels that let cleanup find it.
 *
 * @param image  image reference or ID
 * @param labels labels such as {@code playbake.dev/build} and {@code playbake.dev/owner}
 */
public record ContainerSpec(String image, Map<String, String> labels) {

    public ContainerSpec {
        labels = Map.copyOf(labels);
    }
}

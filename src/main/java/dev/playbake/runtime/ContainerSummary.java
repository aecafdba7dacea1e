package dev.playbake.runtime;

import java.util.Map;

/**
 * A container, running or not, as the runtime lists it.
 *
 * @param id      the container ID
 * @param imageId the image it runs
 * @param labels  its labels
 */
public record ContainerSummary(String id, String imageId, Map<String, String> labels) {
}

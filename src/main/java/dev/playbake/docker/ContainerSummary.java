package dev.playbake.docker;

import java.util.Map;

/**
 * A container, running or not, as the daemon lists it.
 *
 * @param id      the container ID
 * @param imageId the image it runs
 * @param labels  its labels
 */
public record ContainerSummary(String id, String imageId, Map<String, String> labels) {
}

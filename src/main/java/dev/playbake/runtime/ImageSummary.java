package dev.playbake.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A local image as the runtime lists it.
 *
 * @param id       the image ID ({@code sha256:…})
 * @param tags     references that point at it, empty for a dangling image
 * @param labels   its labels
 * @param size     its size in bytes
 * @param parentId the image it was committed on, empty when it has none locally
 * @param created  when it was made, to the second
 */
public record ImageSummary(String id, List<String> tags, Map<String, String> labels, long size, String parentId,
                           Instant created) {
}

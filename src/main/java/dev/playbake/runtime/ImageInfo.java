package dev.playbake.runtime;

import java.time.Instant;
import java.util.List;

/**
 * What the runtime says about a local image.
 *
 * @param id       the image ID ({@code sha256:…})
 * @param tags     references that point at it
 * @param settings its configuration
 * @param size     its size in bytes
 * @param created  when it was made
 */
public record ImageInfo(String id, List<String> tags, ImageSettings settings, long size, Instant created) {
}

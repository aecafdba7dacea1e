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
 * @param digests  {@code repository@sha256:…} for each registry manifest it was pulled or pushed as; empty for an
 *                 image only this host has
 */
public record ImageInfo(String id, List<String> tags, ImageSettings settings, long size, Instant created,
                        List<String> digests) {

    public ImageInfo {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
    }
}

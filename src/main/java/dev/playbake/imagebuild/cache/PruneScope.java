package dev.playbake.imagebuild.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Which snapshots a prune may remove (docs/architecture.md, "Labels").
 *
 * @param all       every snapshot not in use, not only those no recent build of their image reaches
 * @param images    only snapshots of these image repositories ({@link Labels#IMAGE}); empty: every image's
 * @param olderThan only snapshots committed longer ago than this
 */
public record PruneScope(boolean all, Set<String> images, Optional<Duration> olderThan) {

    public PruneScope {
        images = Set.copyOf(images);
    }

    /** What a plain {@code prune} removes: the snapshots of every image that no recent build reaches. */
    public static PruneScope unreachable() {
        return new PruneScope(false, Set.of(), Optional.empty());
    }

    /** The same scope with or without {@code all}. */
    public PruneScope withAll(boolean value) {
        return new PruneScope(value, images, olderThan);
    }

    /** The same scope limited to one image's snapshots. */
    public PruneScope ofImage(String image) {
        return new PruneScope(all, Set.of(image), olderThan);
    }

    boolean covers(String image) {
        return images.isEmpty() || images.contains(image);
    }
}

package dev.playbake.imagebuild;

import java.util.List;
import java.util.Optional;

/** How a build ended: succeeded with an image, failed with a reason, or canceled. */
public sealed interface BuildResult {

    /** Every task's outcome, in order. */
    List<TaskReport> tasks();

    /**
     * The image was built (and pushed when asked).
     *
     * @param imageId   the local image ID ({@code sha256:…})
     * @param digest    the manifest digest from the registry; empty when not pushed
     * @param tags      the references the image was tagged with
     * @param sizeBytes the image's size
     * @param cacheHits how many tasks a snapshot covered
     */
    record Succeeded(String imageId, Optional<String> digest, List<String> tags, long sizeBytes, int cacheHits,
                     List<TaskReport> tasks) implements BuildResult {
    }

    /**
     * The build failed; {@code failure} says why and where.
     */
    record Failed(BuildFailure failure, List<TaskReport> tasks) implements BuildResult {
    }

    /**
     * The build was canceled (by the user, a spec change, a timeout or shutdown).
     *
     * @param detail what else went wrong on the way out, e.g. that the Docker host stopped answering
     */
    record Canceled(String reason, List<TaskReport> tasks, Optional<String> detail) implements BuildResult {

        public Canceled(String reason, List<TaskReport> tasks) {
            this(reason, tasks, Optional.empty());
        }
    }
}

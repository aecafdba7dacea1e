package dev.playbake.cli;

import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildResult;

import java.util.Locale;
import java.util.Optional;

/**
 * How a {@code playbake build} ended, as the progress views show it.
 *
 * @param status  success, failure or canceled
 * @param built   the image, when it was built
 * @param message what the user reads: the failure with file:line and the debug image, or why it was canceled
 * @param failure the failure's parts, when a build failed (empty for input refused before a build)
 */
record Ending(Status status, Optional<BuildResult.Succeeded> built, String message, Optional<BuildFailure> failure) {

    /** The three ways a build ends. */
    enum Status {
        SUCCESS, FAILURE, CANCELED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Ending succeeded(BuildResult.Succeeded built) {
        return new Ending(Status.SUCCESS, Optional.of(built), "", Optional.empty());
    }

    /** Input refused, or a host unreachable, before a build began. */
    static Ending refused(String message) {
        return new Ending(Status.FAILURE, Optional.empty(), message, Optional.empty());
    }

    static Ending failed(BuildFailure failure, String message) {
        return new Ending(Status.FAILURE, Optional.empty(), message, Optional.of(failure));
    }

    static Ending canceled(String message) {
        return new Ending(Status.CANCELED, Optional.empty(), message, Optional.empty());
    }
}

package dev.playbake.imagebuild;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stage of a build that is not a task: the base image's pull, the image's commit, a tag's push.
 *
 * @param kind       which
 * @param target     the image reference pulled or pushed, or the committed image's ID
 * @param durationMs how long it took
 * @param bytes      the image's size where the Docker host tells it (pull, commit)
 * @param digest     the registry digest (pull, push)
 */
public record StageReport(Kind kind, String target, long durationMs, OptionalLong bytes, Optional<String> digest) {

    /** The stages, as progress names them. */
    public enum Kind {
        PULL, COMMIT, PUSH;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

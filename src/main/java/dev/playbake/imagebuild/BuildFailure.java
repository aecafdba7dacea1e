package dev.playbake.imagebuild;

import java.util.Optional;

/**
 * Why and where a build failed.
 *
 * @param reason      the category, which decides whether a retry can help
 * @param message     what went wrong, for a person (redacted)
 * @param file        the playbook or task file, when the failure has a place
 * @param line        1-based line in {@code file}; 0 when unknown
 * @param task        the task's name, when a task failed
 * @param logSnippet  the last lines of output before the failure (redacted)
 * @param debugImage  the failed container committed for inspection, when there is one
 */
public record BuildFailure(Reason reason, String message, Optional<String> file, int line, Optional<String> task,
                           String logSnippet, Optional<String> debugImage) {

    /** Failure categories; the operator's condition reasons use these names. */
    public enum Reason {
        /** A task failed. Permanent. */
        PLAYBOOK_FAILED(false),
        /** The playbook, a file it reads or the request is invalid. Permanent. */
        INVALID_SPEC(false),
        /** The registry refused the credentials. Permanent. */
        PUSH_UNAUTHORIZED(false),
        /** The push failed for a reason that may pass. */
        PUSH_FAILED(true),
        /** The base image could not be pulled. */
        PULL_FAILED(true),
        /** The container runtime (the Docker host) did not answer. */
        HOST_UNAVAILABLE(true),
        /** The build took longer than its timeout. */
        TIMEOUT(false);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether retrying the same build may succeed. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    public static BuildFailure of(Reason reason, String message) {
        return new BuildFailure(reason, message, Optional.empty(), 0, Optional.empty(), "", Optional.empty());
    }
}

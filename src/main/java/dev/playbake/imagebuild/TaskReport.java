package dev.playbake.imagebuild;

import java.util.Objects;

/**
 * One task's outcome in a build, as progress and status show it.
 *
 * @param index      position of the task in the build (0-based), over all plays
 * @param name       the task's name as Ansible would print it
 * @param status     ok, changed, skipped, failed or cached
 * @param durationMs how long it ran; 0 when cached
 */
public record TaskReport(int index, String name, Status status, long durationMs) {

    public TaskReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    /** A task's outcome; {@code CACHED} means it was not run because a snapshot covers it. */
    public enum Status {
        OK, CHANGED, SKIPPED, FAILED, CACHED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

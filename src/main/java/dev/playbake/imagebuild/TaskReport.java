package dev.playbake.imagebuild;

import java.util.Objects;

/**
 * One task's outcome in a build, as progress and status show it.
 *
 * @param index      position of the task in the build (0-based), over all plays
 * @param name       the task's name as Ansible would print it
 * @param status     ok, changed, skipped, failed or cached
 * @param durationMs how long it ran; 0 when cached
 * @param facts      whether it is a play's fact gathering, which no task of the playbook stands for
 */
public record TaskReport(int index, String name, Status status, long durationMs, boolean facts) {

    public TaskReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    /** A task of the playbook. */
    public TaskReport(int index, String name, Status status, long durationMs) {
        this(index, name, status, durationMs, false);
    }

    /** A task's outcome; {@code CACHED} means it was not run because a snapshot covers it. */
    public enum Status {
        OK, CHANGED, SKIPPED, FAILED, CACHED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

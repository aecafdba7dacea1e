package dev.playbake.imagebuild;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One task's outcome in a build, as progress and status show it.
 *
 * @param index      position of the report in the build (0-based, in the order they came), over all plays
 * @param name       the task's name as Ansible would print it
 * @param status     ok, changed, skipped, failed, cached or canceled
 * @param durationMs how long it ran; 0 when cached
 * @param facts      whether it is a play's fact gathering, which no task of the playbook stands for
 * @param number     its place in the plan (1-based), the same every run; empty for facts, handlers, rescues and
 *                   included tasks, which no plan position stands for
 */
public record TaskReport(int index, String name, Status status, long durationMs, boolean facts, OptionalInt number) {

    public TaskReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    /** A task of the playbook, numbered by its report's place. */
    public TaskReport(int index, String name, Status status, long durationMs) {
        this(index, name, status, durationMs, false, OptionalInt.of(index + 1));
    }

    /** A task of the playbook or a fact gathering, numbered by its report's place unless facts. */
    public TaskReport(int index, String name, Status status, long durationMs, boolean facts) {
        this(index, name, status, durationMs, facts, facts ? OptionalInt.empty() : OptionalInt.of(index + 1));
    }

    /** How it began, as progress labels it. */
    public TaskStart start() {
        return new TaskStart(index, name, number, facts);
    }

    /**
     * A task's outcome; {@code CACHED} means it was not run because a snapshot covers it, {@code CANCELED} that the
     * build was canceled while it ran.
     */
    public enum Status {
        OK, CHANGED, SKIPPED, FAILED, CACHED, CANCELED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

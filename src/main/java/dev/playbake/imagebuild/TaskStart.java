package dev.playbake.imagebuild;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A task that began, as progress labels it.
 *
 * @param index  its place among the build's reports (0-based, in the order they came)
 * @param name   the task's name as Ansible would print it
 * @param number its place in the plan (1-based), the same every run of the playbook; empty for a play's facts,
 *               handlers, rescues and included tasks
 * @param facts  whether it is a play's fact gathering
 */
public record TaskStart(int index, String name, OptionalInt number, boolean facts) {

    public TaskStart {
        Objects.requireNonNull(name, "name");
    }
}

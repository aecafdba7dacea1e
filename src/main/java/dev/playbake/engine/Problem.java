package dev.playbake.engine;

import dev.playbake.playbook.Task;

/**
 * One thing wrong with a task, found before the build.
 *
 * @param certain the task runs, and fails, whenever its play runs: the build stops before it starts; otherwise the
 *                problem is a warning and the task is checked again if it runs, as Ansible would
 */
public record Problem(Task task, String message, boolean certain) {

    /** {@code file:line: task 'NAME': message}, the line printed for it. */
    public String line() {
        return task.location() + ": " + detail();
    }

    /** The line without the location. */
    public String detail() {
        return "task '" + task.displayName() + "': " + message;
    }
}

package dev.playbake.engine;

import dev.playbake.playbook.Location;

/** How a playbook run ended. */
public sealed interface RunResult {

    /** Every play ran to its end. */
    record Completed() implements RunResult {
    }

    /**
     * A task failed and nothing rescued it; the run stopped there.
     *
     * @param task     the task's display name
     * @param location where the task is written
     * @param message  why it failed (redacted)
     */
    record Failed(String task, Location location, String message) implements RunResult {
    }

    /** The run was asked to stop. */
    record Canceled() implements RunResult {
    }
}

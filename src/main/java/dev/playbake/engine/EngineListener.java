package dev.playbake.engine;

import dev.playbake.playbook.Location;

import java.util.OptionalInt;

/** Receives what the engine does, task by task. All methods are optional. */
public interface EngineListener {

    EngineListener NONE = new EngineListener() { };

    default void playStarted(String name) {
    }

    /** A task started; {@code number} is its place in the plan ({@link TaskPlan}), empty for one outside it. */
    default void taskStarted(String name, Location location, OptionalInt number) {
    }

    default void taskFinished(TaskOutcome outcome) {
    }

    /**
     * A play gathered its facts: reported like a task, as Ansible lists "Gathering Facts", but no task of the
     * playbook stands for it, so what counts the playbook's tasks leaves it out.
     */
    default void factsGathered(TaskOutcome outcome) {
        taskFinished(outcome);
    }

    /** A task the engine did not run because a snapshot already holds its effect. */
    default void taskCached(String name, Location location, int number) {
    }

    /**
     * A line a task's command wrote, {@code stderr} telling the stream; sent while the command runs when the
     * connection can follow it, else (and for the lines it had not seen) at the task's end, before the task's end
     * is reported. Never for a {@code no_log} task; secrets masked. It comes on the thread that runs the task.
     */
    default void taskOutput(boolean stderr, String line) {
    }

    /** One line of output for people (already redacted). */
    default void log(String line) {
    }
}

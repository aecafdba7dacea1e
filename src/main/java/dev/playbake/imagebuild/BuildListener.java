package dev.playbake.imagebuild;

/** Receives a build's progress as it happens; every method is optional. Called from the build's thread. */
public interface BuildListener {

    BuildListener NONE = new BuildListener() { };

    /** The build entered a phase. */
    default void phase(BuildPhase phase) {
    }

    /** The base image was pulled: the registry manifest digest its reference named then. */
    default void baseImage(String reference, String digest) {
    }

    /** The playbook was parsed: what will be built, and how many tasks of the plan will be reported. */
    default void planned(BuildOutline outline) {
    }

    default void taskStarted(TaskStart start) {
    }

    /** A line the running task's command wrote (redacted; never one of a {@code no_log} task). */
    default void taskOutput(TaskStart task, boolean stderr, String line) {
    }

    default void taskFinished(TaskReport report) {
    }

    /** A line of build output (already redacted: secret values never reach a listener). */
    default void log(String line) {
    }

    /** A snapshot was committed after a task. */
    default void snapshot(int index, String image) {
    }

    /** How many commands the build ran in containers (0 when every task was cached). */
    default void execs(long count) {
    }

    /** A pull, the commit or a push began. */
    default void stageStarted(StageReport.Kind kind, String target) {
    }

    /** A pull, the commit or a push ended: its size and time. */
    default void stageFinished(StageReport report) {
    }
}

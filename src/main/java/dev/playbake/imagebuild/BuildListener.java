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

    /** The playbook was parsed: this many tasks will be reported (cached or run). */
    default void planned(int totalTasks) {
    }

    default void taskStarted(int index, String name) {
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

    /** Push progress of one tag. */
    default void pushed(String reference, String digest) {
    }
}

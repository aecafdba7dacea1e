package dev.playbake.engine;

/** Told after each plan step ran, so the build can snapshot the container. */
public interface StepObserver {

    StepObserver NONE = (step, state, work) -> { };

    /**
     * @param step  the step that finished
     * @param state the host state after it
     * @param work  whether the step could have touched the filesystem (a module ran)
     */
    void stepFinished(PlanStep step, HostState state, boolean work);
}

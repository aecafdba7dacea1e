package dev.playbake.engine.actions;

/** One action the engine runs in-process, as Ansible's action plugins: given the task and its run, a result. */
@FunctionalInterface
public interface Action {

    /**
     * Runs the action once (one loop item). A failure is a result with {@code failed: true}; an
     * exception means an invalid argument ({@code ModuleException}) or a template error.
     */
    ActionOutcome run(ActionContext context);
}

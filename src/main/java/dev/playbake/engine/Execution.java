package dev.playbake.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What executing a task (or one loop item) produced: its result, whether it could have touched the
 * filesystem, whether it ends the play, and the steps it brings in (included tasks, a handler
 * flush), run once the task is reported.
 */
record Execution(TaskResult result, boolean work, boolean endPlay, List<Supplier<Engine.StepResult>> deferred) {

    static Execution of(Map<String, Object> result, boolean work) {
        return new Execution(new TaskResult(result), work, false, List.of());
    }
}

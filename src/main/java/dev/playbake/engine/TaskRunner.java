package dev.playbake.engine;

import dev.playbake.connection.FileWriteException;
import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ModuleResult;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.Task;
import dev.playbake.template.Templar;
import dev.playbake.template.TemplateException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * One task's lifecycle: tags, the loop and executor, register, notify, ignore_errors and no_log,
 * the report, then what the task brought in (included tasks run after the include is reported).
 */
final class TaskRunner {

    private final PlayRun run;
    private final ActionRegistry actions = ActionRegistry.standard();
    private final TaskLoop loop;
    private final TaskReporter reporter;
    private final LiveOutput live;

    TaskRunner(PlayRun run, ModuleRegistry modules) {
        this.run = run;
        this.live = new LiveOutput(run.context());
        this.loop = new TaskLoop(run, new TaskExecutor(run, actions, new ModuleCall(run, modules), live), actions);
        this.reporter = new TaskReporter(run.context());
    }

    Engine.StepResult run(Task task, Inherited outer) {
        Inherited inherited = outer.with(task.options(), task.role(), true);
        if (!run.context().tags().selects(inherited.tags())) {
            return Engine.StepResult.OK;
        }
        Scope scope = run.scopes().forTask(inherited, task.options().vars());
        String name = displayName(task, scope);
        long start = System.nanoTime();
        StreamedLines streamed = live.begin();
        // Ansible reports no meta task: they act on the run, not on the host
        boolean reported = actions.reported(task.action());
        if (reported) {
            reporter.started(name, task.location(), run.plan().number(task));
        }
        Execution execution;
        try {
            checkDelegation(task, scope);
            execution = loop.run(task, inherited, scope);
        } catch (TemplateException e) {
            execution = Execution.of(ModuleResult.failed(PlayRun.templateError(e)).values(), false);
        } catch (ModuleException | FileWriteException e) {
            execution = Execution.of(ModuleResult.failed(e.getMessage()).values(), true);
        } catch (PlaybookException e) {
            execution = Execution.of(ModuleResult.failed(e.getMessage()).values(), false);
        }
        TaskResult result = execution.result();
        boolean noLog = run.truthy(inherited.noLog(), scope);
        if (task.options().register().isPresent()) {
            run.state().hostVars().put(task.options().register().get(), result.values());
            if (noLog) {
                run.state().markUnstorable();
            }
        }
        TaskStatus status = result.status();
        if (!reported && status == TaskStatus.SKIPPED) {
            // Ansible does report a meta task that its when skipped
            reported = true;
            reporter.started(name, task.location(), run.plan().number(task));
        }
        boolean ignored = status == TaskStatus.FAILED && run.truthy(inherited.ignoreErrors(), scope);
        if (status == TaskStatus.CHANGED || result.anyItemChanged() && status != TaskStatus.FAILED) {
            for (String handler : task.options().notifies()) {
                run.notify(run.render(handler, scope), task.location(), name);
            }
        }
        Map<String, Object> shown = reporter.shown(result, noLog);
        if (reported) {
            reporter.finished(name, task.location(), run.plan().number(task), task.action(), status, ignored, shown, noLog,
                    Duration.ofNanos(System.nanoTime() - start), streamed);
        }
        Engine.StepResult own = new Engine.StepResult(Optional.empty(), execution.endPlay(), execution.work());
        if (status == TaskStatus.FAILED && !ignored) {
            String message = noLog ? TaskReporter.CENSORED : new TaskOutcome(name, task.location(), status, false,
                    result.values(), Duration.ZERO, OptionalInt.empty()).message();
            Map<String, Object> failedTask = new LinkedHashMap<>();
            failedTask.put("name", name);
            failedTask.put("action", task.action());
            run.failed(Map.of("ansible_failed_task", failedTask, "ansible_failed_result", shown));
            return new Engine.StepResult(Optional.of(run.failure(task, message)), false, own.work());
        }
        // included tasks run after the include is reported, as Ansible lists them
        for (Supplier<Engine.StepResult> deferred : execution.deferred()) {
            Engine.StepResult nested = deferred.get();
            own = own.and(nested);
            if (nested.failed() || nested.endPlay()) {
                return own;
            }
        }
        return own;
    }

    private void checkDelegation(Task task, Scope scope) {
        Optional<String> delegate = task.options().delegateTo();
        if (delegate.isPresent()) {
            String target = run.render(delegate.get(), scope);
            if (!target.equals(run.context().hostname())) {
                throw new PlaybookException(task.location(), "task '" + task.displayName() + "': delegate_to: "
                        + target + " — a build has only its build container (" + run.context().hostname()
                        + "); run that work outside the build, or drop delegate_to");
            }
        }
    }

    private String displayName(Task task, Scope scope) {
        String name = task.displayName();
        if (!Templar.isTemplate(name)) {
            return name;
        }
        try {
            return run.render(name, scope);
        } catch (TemplateException e) {
            return name;
        }
    }

    /** Waits (retries, a loop's pause, the pause action); an interrupt cancels the run. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Engine.Canceled();
        }
    }
}


package dev.playbake.engine;

import dev.playbake.connection.Watch;
import dev.playbake.engine.actions.ActionInfo;
import dev.playbake.engine.actions.ActionOutcome;
import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.engine.actions.Maps;
import dev.playbake.modules.Module;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;
import dev.playbake.template.AnsibleValues;
import dev.playbake.template.TemplateException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Executes one task, or one item of its loop, as Ansible's task executor: its conditions, the action
 * or module, until/retries, changed_when and failed_when. It implements no action and reports nothing but the
 * lines its commands write while the action runs ({@link LiveOutput}).
 */
final class TaskExecutor {

    private final PlayRun run;
    private final ActionRegistry actions;
    private final ModuleCall modules;
    private final LiveOutput live;

    TaskExecutor(PlayRun run, ActionRegistry actions, ModuleCall modules, LiveOutput live) {
        this.run = run;
        this.actions = actions;
        this.modules = modules;
        this.live = live;
    }

    /** Whether every inherited {@code when} holds. */
    boolean when(Inherited inherited, Scope scope) {
        for (Object condition : inherited.when()) {
            if (!run.templar().condition(condition, scope)) {
                return false;
            }
        }
        return true;
    }

    /** The result of a task its {@code when} skips, naming the first condition that does not hold. */
    Map<String, Object> skipped(Inherited inherited, Scope scope) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("skipped", true);
        result.put("skip_reason", "Conditional result was False");
        for (Object condition : inherited.when()) {
            if (!run.templar().condition(condition, scope)) {
                result.put("false_condition", condition);
                break;
            }
        }
        return result;
    }

    /** Runs the action once, again while {@code until} does not hold, and applies changed_when/failed_when. */
    Execution once(Task task, Inherited inherited, Scope scope) {
        TaskOptions options = task.options();
        String register = options.register().orElse(null);
        int retries = options.until().isPresent() ? intOption(options.retries(), scope, 3) : 0;
        int delay = intOption(options.delay(), scope, 5);
        Execution execution = null;
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            execution = action(task, inherited, scope);
            TaskResult actionResult = execution.result();
            Map<String, Object> result = new LinkedHashMap<>(actionResult.values());
            // as Ansible's executor: every result says whether it failed, an rc other than 0 meaning it did
            if (!result.containsKey("failed")) {
                Object rc = result.get("rc");
                result.put("failed", rc != null && !"0".equals(String.valueOf(rc)));
            }
            Scope withResult = register == null ? scope : scope.with(Map.of(register, result));
            // Ansible evaluates changed_when on failed results too (a failed command can report unchanged)
            if (options.changedWhen().isPresent() && !new TaskResult(result).skipped()) {
                try {
                    result.put("changed", conditionsOf(options.changedWhen().get(), withResult));
                } catch (TemplateException e) {
                    if (!new TaskResult(result).failed()) {
                        throw e;
                    }
                    result.put("changed_when_result", e.getMessage());
                }
                withResult = register == null ? scope : scope.with(Map.of(register, result));
            }
            if (options.failedWhen().isPresent()) {
                boolean failed = conditionsOf(options.failedWhen().get(), withResult);
                result.put("failed", failed);
                if (!failed) {
                    // a result failed_when excuses keeps no failure message
                    result.remove("msg");
                    if (actionResult.values().containsKey("msg") && !actionResult.failed()) {
                        result.put("msg", actionResult.values().get("msg"));
                    }
                }
                if (failed && !result.containsKey("msg")) {
                    result.put("msg", "The conditional check '" + options.failedWhen().get() + "' failed.");
                }
                if (failed) {
                    result.put("failed_when_result", true);
                }
            }
            execution = new Execution(new TaskResult(result), execution.work(), execution.endPlay(),
                    execution.deferred());
            if (options.until().isEmpty()) {
                break;
            }
            result.put("attempts", attempt);
            Scope untilScope = register == null ? scope.with(result) : scope.with(Map.of(register, result));
            // Ansible 2.14 runs a task with retries <= 0 once and never evaluates its until
            if (retries <= 0 || conditionsOf(options.until().get(), untilScope)) {
                break;
            }
            if (attempt <= retries) {
                run.context().listener().log("FAILED - RETRYING: [" + run.context().hostname() + "]: "
                        + task.displayName() + " (" + (retries - attempt + 1) + " retries left).");
                TaskRunner.sleep(Duration.ofSeconds(delay));
            } else {
                result.put("failed", true);
                result.putIfAbsent("msg", "Retries exhausted");
                // Ansible reports the retries asked for, not the attempts made (one more)
                result.put("attempts", retries);
            }
        }
        return execution;
    }

    /** Runs the task's action, its commands' lines streamed while it runs unless no_log holds. */
    private Execution action(Task task, Inherited inherited, Scope scope) {
        try (Watch watch = live.watch(noLog(inherited, scope))) {
            return runAction(task, inherited, scope);
        }
    }

    /** Whether no_log holds for this run of the action; one that does not render here streams nothing, to be safe. */
    private boolean noLog(Inherited inherited, Scope scope) {
        try {
            return run.truthy(inherited.noLog(), scope);
        } catch (TemplateException e) {
            return true;
        }
    }

    /** Runs the task's action: an engine action, or a module over the connection. */
    private Execution runAction(Task task, Inherited inherited, Scope scope) {
        Optional<ActionInfo> engineAction = actions.find(task.action());
        if (engineAction.isEmpty()) {
            Module module = modules.module(task);
            Map<String, Object> args = AnsibleValues.withoutOmitted(
                    Maps.copy(run.templar().template(task.args(), scope)));
            return Execution.of(modules.run(module, inherited, scope, args), module.changesContainer());
        }
        ActionInfo info = engineAction.get();
        ActionOutcome outcome = info.action().run(new TaskActionContext(run, modules, task, inherited, scope));
        List<Supplier<Engine.StepResult>> deferred = outcome.followUps().stream()
                .map(followUp -> followUp(followUp, inherited)).toList();
        return new Execution(new TaskResult(outcome.result()), info.changesContainer(), outcome.endPlay(), deferred);
    }

    /** The steps an action brought in, run once the task is reported. */
    private Supplier<Engine.StepResult> followUp(ActionOutcome.FollowUp followUp, Inherited inherited) {
        if (followUp instanceof ActionOutcome.IncludedSteps steps) {
            return () -> run.steps(steps.steps(), childInherited(inherited.withIncludeParams(steps.params())));
        }
        if (followUp instanceof ActionOutcome.IncludedRole role) {
            return () -> run.step(role.role(), childInherited(inherited.withIncludeParams(role.params())));
        }
        return run::flushHandlers;
    }

    /** What included tasks inherit: everything but the including task's own condition, already evaluated. */
    private static Inherited childInherited(Inherited inherited) {
        return new Inherited(List.of(), inherited.tags(), inherited.become(), inherited.becomeUser(),
                inherited.environment(), inherited.blockVars(), inherited.ignoreErrors(), inherited.noLog(),
                inherited.checkMode(), inherited.role(), inherited.includeParams());
    }

    private boolean conditionsOf(Object conditions, Scope scope) {
        if (conditions instanceof List<?> list) {
            return list.stream().allMatch(c -> run.templar().condition(c, scope));
        }
        return run.templar().condition(conditions, scope);
    }

    private int intOption(Optional<Object> option, Scope scope, int fallback) {
        return option.map(v -> (int) AnsibleValues.number(run.templar().template(v, scope))).orElse(fallback);
    }
}

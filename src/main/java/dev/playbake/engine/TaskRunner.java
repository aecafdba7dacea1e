package dev.playbake.engine;

import dev.playbake.connection.ConnectionException;
import dev.playbake.engine.actions.ActionInfo;
import dev.playbake.engine.actions.ActionOutcome;
import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ModuleResult;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;
import dev.playbake.python.PyStrings;
import dev.playbake.template.AnsibleValues;
import dev.playbake.template.Loops;
import dev.playbake.template.Templar;
import dev.playbake.template.TemplateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one task: tags, conditions, loops, the action or module, until/retries, changed_when and
 * failed_when, register, notify, ignore_errors and no_log, and reports it.
 */
final class TaskRunner {

    private static final String CENSORED = "the output has been hidden due to the fact that 'no_log: true' was "
            + "specified for this result";

    private final PlayRun run;
    private final ActionRegistry actions = ActionRegistry.standard();
    private final ModuleCall moduleCall;

    TaskRunner(PlayRun run, ModuleRegistry modules) {
        this.run = run;
        this.moduleCall = new ModuleCall(run, modules);
    }

    Engine.StepResult run(Task task, Inherited outer) {
        Inherited inherited = outer.with(task.options(), task.role(), true);
        if (!run.context().tags().selects(inherited.tags())) {
            return Engine.StepResult.OK;
        }
        Scope scope = run.scopes().forTask(inherited, task.options().vars());
        String name = displayName(task, scope);
        long start = System.nanoTime();
        // Ansible reports no meta task: they act on the run, not on the host
        boolean reported = actions.reported(task.action());
        if (reported) {
            run.context().listener().taskStarted(name, task.location());
        }
        Outcome outcome;
        try {
            checkDelegation(task, scope);
            outcome = execute(task, inherited, scope);
        } catch (TemplateException e) {
            outcome = Outcome.of(ModuleResult.failed(PlayRun.templateError(e)).values(), false);
        } catch (ModuleException e) {
            outcome = Outcome.of(ModuleResult.failed(e.getMessage()).values(), true);
        } catch (PlaybookException e) {
            outcome = Outcome.of(ModuleResult.failed(e.getMessage()).values(), false);
        } catch (ConnectionException e) {
            throw e;
        }
        Map<String, Object> result = outcome.result();
        boolean noLog = isTrue(inherited.noLog(), scope);
        if (task.options().register().isPresent()) {
            run.state().hostVars().put(task.options().register().get(), result);
            if (noLog) {
                run.state().markUnstorable();
            }
        }
        TaskStatus status = status(result);
        if (!reported && status == TaskStatus.SKIPPED) {
            // Ansible does report a meta task that its when skipped
            reported = true;
            run.context().listener().taskStarted(name, task.location());
        }
        boolean ignored = false;
        if (status == TaskStatus.FAILED) {
            ignored = isTrue(inherited.ignoreErrors(), scope);
        }
        if (status == TaskStatus.CHANGED || changedInLoop(result) && status != TaskStatus.FAILED) {
            for (String handler : task.options().notifies()) {
                run.notify(run.render(handler, scope), task.location(), name);
            }
        }
        Map<String, Object> reportedResult = noLog ? censored(result)
                : castMap(run.context().redactor().redact(result));
        if (reported) {
            run.context().listener().taskFinished(new TaskOutcome(name, task.location(), status, ignored, reportedResult,
                    Duration.ofNanos(System.nanoTime() - start)));
            if (!noLog) {
                logResult(name, task.action(), status, reportedResult);
            }
        }
        Engine.StepResult own = new Engine.StepResult(null, outcome.endPlay(), outcome.work());
        if (status == TaskStatus.FAILED && !ignored) {
            String message = noLog ? CENSORED : new TaskOutcome(name, task.location(), status, false, result,
                    Duration.ZERO).message();
            Map<String, Object> failedTask = new LinkedHashMap<>();
            failedTask.put("name", name);
            failedTask.put("action", task.action());
            run.failed(Map.of("ansible_failed_task", failedTask, "ansible_failed_result", reportedResult));
            return new Engine.StepResult(run.failure(task, message), false, own.work());
        }
        // included tasks run after the include is reported, as Ansible lists them
        for (Supplier<Engine.StepResult> deferred : outcome.deferred()) {
            Engine.StepResult nested = deferred.get();
            own = own.and(nested);
            if (nested.failure() != null || nested.endPlay()) {
                return own;
            }
        }
        return own;
    }

    /**
     * What executing a task produced: its result, whether it could have touched the filesystem, and
     * the steps it brings in (included tasks, a handler flush), run once the task is reported.
     */
    private record Outcome(Map<String, Object> result, boolean work, boolean endPlay,
                           List<Supplier<Engine.StepResult>> deferred) {
        static Outcome of(Map<String, Object> result, boolean work) {
            return new Outcome(result, work, false, List.of());
        }
    }

    private Outcome execute(Task task, Inherited inherited, Scope scope) {
        TaskOptions options = task.options();
        if (options.loop().isEmpty()) {
            if (!conditions(inherited, scope)) {
                return Outcome.of(skipped(inherited, scope), false);
            }
            return once(task, inherited, scope);
        }
        List<Object> items = loopItems(task, scope);
        // label names each item for display: it refers to the loop variable, so it is not rendered here
        Map<String, Object> unrendered = new LinkedHashMap<>(options.loopControl());
        unrendered.remove("label");
        Map<String, Object> control = castMap(run.templar().template(unrendered, scope));
        String loopVar = String.valueOf(control.getOrDefault("loop_var", "item"));
        List<Object> results = new ArrayList<>();
        boolean work = false;
        boolean anyChanged = false;
        boolean anyFailed = false;
        boolean allSkipped = true;
        List<Supplier<Engine.StepResult>> deferred = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> loopVars = new LinkedHashMap<>();
            loopVars.put(loopVar, items.get(i));
            loopVars.put("ansible_loop_var", loopVar);
            if (control.get("index_var") != null) {
                loopVars.put(String.valueOf(control.get("index_var")), i);
                loopVars.put("ansible_index_var", String.valueOf(control.get("index_var")));
            }
            if (AnsibleValues.truthy(control.get("extended"))) {
                loopVars.put("ansible_loop", extended(items, i));
            }
            Scope itemScope = scope.with(loopVars);
            Map<String, Object> itemResult;
            if (!conditions(inherited, itemScope)) {
                itemResult = skipped(inherited, itemScope);
            } else {
                Outcome outcome = once(task, inherited, itemScope);
                itemResult = new LinkedHashMap<>(outcome.result());
                work |= outcome.work();
                allSkipped = false;
                deferred.addAll(outcome.deferred());
            }
            itemResult.put(loopVar, items.get(i));
            itemResult.put("ansible_loop_var", loopVar);
            if (control.get("index_var") != null) {
                itemResult.put(String.valueOf(control.get("index_var")), i);
                itemResult.put("ansible_index_var", String.valueOf(control.get("index_var")));
            }
            if (loopVars.containsKey("ansible_loop")) {
                itemResult.put("ansible_loop", loopVars.get("ansible_loop"));
            }
            anyChanged |= Boolean.TRUE.equals(itemResult.get("changed"));
            anyFailed |= Boolean.TRUE.equals(itemResult.get("failed"));
            results.add(itemResult);
            Object pause = control.get("pause");
            if (pause instanceof Number seconds && i + 1 < items.size()) {
                sleep(Duration.ofMillis((long) (seconds.doubleValue() * 1000)));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("results", results);
        result.put("changed", anyChanged);
        result.put("msg", anyFailed ? "One or more items failed" : "All items completed");
        if (anyFailed) {
            result.put("failed", true);
        }
        if (allSkipped) {
            result.put("skipped", true);
            result.put("msg", "All items skipped");
        }
        return new Outcome(result, work, false, deferred);
    }

    private Outcome once(Task task, Inherited inherited, Scope scope) {
        TaskOptions options = task.options();
        String register = options.register().orElse(null);
        int retries = options.until().isPresent() ? intOption(options.retries(), scope, 3) : 0;
        int delay = intOption(options.delay(), scope, 5);
        Outcome outcome = null;
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            outcome = action(task, inherited, scope);
            Map<String, Object> result = new LinkedHashMap<>(outcome.result());
            // as Ansible's executor: every result says whether it failed, an rc other than 0 meaning it did
            if (!result.containsKey("failed")) {
                Object rc = result.get("rc");
                result.put("failed", rc != null && !"0".equals(String.valueOf(rc)));
            }
            Scope withResult = register == null ? scope : scope.with(Map.of(register, result));
            // Ansible evaluates changed_when on failed results too (a failed command can report unchanged)
            if (options.changedWhen().isPresent() && !Boolean.TRUE.equals(result.get("skipped"))) {
                try {
                    result.put("changed", conditionsOf(options.changedWhen().get(), withResult));
                } catch (TemplateException e) {
                    if (!Boolean.TRUE.equals(result.get("failed"))) {
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
                    result.remove("msg");
                    if (outcome.result().containsKey("msg") && !Boolean.TRUE.equals(outcome.result().get("failed"))) {
                        result.put("msg", outcome.result().get("msg"));
                    }
                }
                if (failed && !result.containsKey("msg")) {
                    result.put("msg", "The conditional check '" + options.failedWhen().get() + "' failed.");
                }
                if (failed) {
                    result.put("failed_when_result", true);
                }
            }
            outcome = new Outcome(result, outcome.work(), outcome.endPlay(), outcome.deferred());
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
                sleep(Duration.ofSeconds(delay));
            } else {
                result.put("failed", true);
                result.putIfAbsent("msg", "Retries exhausted");
                // Ansible reports the retries asked for, not the attempts made (one more)
                result.put("attempts", retries);
            }
        }
        return outcome;
    }

    /** Runs the task's action: an engine action, or a module over the connection. */
    private Outcome action(Task task, Inherited inherited, Scope scope) {
        Optional<ActionInfo> engineAction = actions.find(task.action());
        if (engineAction.isEmpty()) {
            Module module = moduleCall.module(task);
            return Outcome.of(moduleCall.run(module, inherited, scope, templatedArgs(task, scope)),
                    module.changesContainer());
        }
        ActionInfo info = engineAction.get();
        ActionOutcome outcome = info.action().run(new TaskActionContext(run, moduleCall, task, inherited, scope));
        List<Supplier<Engine.StepResult>> deferred = outcome.followUps().stream()
                .map(followUp -> followUp(followUp, inherited)).toList();
        return new Outcome(outcome.result(), info.changesContainer(), outcome.endPlay(), deferred);
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

    // --- helpers -------------------------------------------------------------------------------

    private Map<String, Object> templatedArgs(Task task, Scope scope) {
        Map<String, Object> rendered = castMap(run.templar().template(task.args(), scope));
        return AnsibleValues.withoutOmitted(rendered);
    }

    private boolean conditions(Inherited inherited, Scope scope) {
        for (Object condition : inherited.when()) {
            if (!run.templar().condition(condition, scope)) {
                return false;
            }
        }
        return true;
    }

    private boolean conditionsOf(Object conditions, Scope scope) {
        if (conditions instanceof List<?> list) {
            return list.stream().allMatch(c -> run.templar().condition(c, scope));
        }
        return run.templar().condition(conditions, scope);
    }

    private Map<String, Object> skipped(Inherited inherited, Scope scope) {
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

    private List<Object> loopItems(Task task, Scope scope) {
        TaskOptions options = task.options();
        Object raw = options.loop().orElseThrow();
        String kind = options.loopKind();
        Object value = run.templar().template(raw, scope);
        if (kind.equals("loop")) {
            if (value instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            throw new ModuleException("Invalid data passed to 'loop', it requires a list, got this instead: "
                    + PyStrings.str(value) + ". Hint: If you passed a list/dict of just one element, try adding "
                    + "wantlist=True to your lookup invocation or use q/query instead of lookup.");
        }
        String lookup = kind.substring("with_".length());
        List<Object> terms = value instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(value));
        return switch (lookup) {
            case "items" -> Loops.items(terms);
            case "list" -> terms;
            case "dict" -> Loops.dict(value);
            default -> run.templar().lookups().query(lookup, terms, run.templar(), scope, actions.lookupFolder(task.action()));
        };
    }

    private static Map<String, Object> extended(List<Object> items, int i) {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("allitems", items);
        loop.put("index", i + 1);
        loop.put("index0", i);
        loop.put("revindex", items.size() - i);
        loop.put("revindex0", items.size() - i - 1);
        loop.put("first", i == 0);
        loop.put("last", i == items.size() - 1);
        loop.put("length", items.size());
        if (i > 0) {
            loop.put("previtem", items.get(i - 1));
        }
        if (i + 1 < items.size()) {
            loop.put("nextitem", items.get(i + 1));
        }
        return loop;
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

    private boolean isTrue(Optional<Object> option, Scope scope) {
        return option.map(v -> AnsibleValues.truthy(run.templar().template(v, scope))).orElse(false);
    }

    private int intOption(Optional<Object> option, Scope scope, int fallback) {
        return option.map(v -> (int) AnsibleValues.number(run.templar().template(v, scope))).orElse(fallback);
    }

    private static TaskStatus status(Map<String, Object> result) {
        if (Boolean.TRUE.equals(result.get("failed"))) {
            return TaskStatus.FAILED;
        }
        if (Boolean.TRUE.equals(result.get("skipped"))) {
            return TaskStatus.SKIPPED;
        }
        return Boolean.TRUE.equals(result.get("changed")) ? TaskStatus.CHANGED : TaskStatus.OK;
    }

    private static boolean changedInLoop(Map<String, Object> result) {
        return result.get("results") instanceof List<?> list && list.stream()
                .anyMatch(r -> r instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("changed")));
    }

    private static Map<String, Object> censored(Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("censored", CENSORED);
        out.put("changed", result.getOrDefault("changed", false));
        if (result.containsKey("failed")) {
            out.put("failed", result.get("failed"));
        }
        if (result.containsKey("skipped")) {
            out.put("skipped", result.get("skipped"));
        }
        return out;
    }

    private void logResult(String name, String action, TaskStatus status, Map<String, Object> result) {
        if (action.equals("debug") && status != TaskStatus.SKIPPED) {
            // what ansible-playbook prints for debug: the message, or the variable and its value
            result.forEach((key, value) -> {
                if (!key.equals("changed") && !key.equals("failed")) {
                    run.context().listener().log(name + ": " + (key.equals("msg") ? "" : key + " = ") + PyStrings.str(value));
                }
            });
            return;
        }
        if (status == TaskStatus.FAILED) {
            Object msg = result.get("msg");
            if (msg != null && !String.valueOf(msg).isEmpty()) {
                run.context().listener().log("fatal: " + name + ": " + msg);
            }
            Object stderr = result.get("stderr");
            if (stderr != null && !String.valueOf(stderr).isEmpty()) {
                run.context().listener().log(String.valueOf(stderr));
            }
        }
        if (result.containsKey("msg") && result.size() <= 3 && status != TaskStatus.FAILED
                && !String.valueOf(result.get("msg")).isEmpty() && !result.containsKey("results")) {
            run.context().listener().log(name + ": " + PyStrings.str(result.get("msg")));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Engine.Canceled();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        return new LinkedHashMap<>();
    }
}

package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.engine.actions.Maps;
import dev.playbake.modules.ModuleException;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;
import dev.playbake.python.PyStrings;
import dev.playbake.template.AnsibleValues;
import dev.playbake.template.TemplateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A task's loop ({@code loop} or {@code with_*}): the items, each run with its loop_control variables
 * (loop_var, index_var, extended, pause), and the aggregated result Ansible registers. A task
 * without a loop runs once.
 */
final class TaskLoop {

    private final PlayRun run;
    private final TaskExecutor executor;
    private final ActionRegistry actions;

    TaskLoop(PlayRun run, TaskExecutor executor, ActionRegistry actions) {
        this.run = run;
        this.executor = executor;
        this.actions = actions;
    }

    Execution run(Task task, Inherited inherited, Scope scope) {
        TaskOptions options = task.options();
        if (options.loop().isEmpty()) {
            Optional<String> unconditional = actions.unconditionalMeta(task.action(), task.args());
            if (unconditional.isPresent() && !inherited.when().isEmpty()) {
                run.context().listener().log("[WARNING]: " + unconditional.get()
                        + " task does not support when conditional");
                return executor.once(task, inherited, scope);
            }
            if (!executor.when(inherited, scope)) {
                return Execution.of(executor.skipped(inherited, scope), false);
            }
            return executor.once(task, inherited, scope);
        }
        List<Object> items;
        try {
            items = items(task, scope);
        } catch (TemplateException loopError) {
            return deferred(loopError, inherited, scope);
        }
        // label names each item for display: it refers to the loop variable, so it is not rendered here
        Map<String, Object> unrendered = new LinkedHashMap<>(options.loopControl());
        unrendered.remove("label");
        Map<String, Object> control = Maps.copy(run.templar().template(unrendered, scope));
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
            if (!executor.when(inherited, itemScope)) {
                itemResult = executor.skipped(inherited, itemScope);
            } else {
                Execution execution = executor.once(task, inherited, itemScope);
                itemResult = new LinkedHashMap<>(execution.result().values());
                work |= execution.work();
                allSkipped = false;
                deferred.addAll(execution.deferred());
            }
            // every item's result names its loop variables, as Ansible's do
            itemResult.putAll(loopVars);
            TaskResult item = new TaskResult(itemResult);
            anyChanged |= item.changed();
            anyFailed |= item.failed();
            results.add(itemResult);
            Object pause = control.get("pause");
            if (pause instanceof Number seconds && i + 1 < items.size()) {
                TaskRunner.sleep(Duration.ofMillis((long) (seconds.doubleValue() * 1000)));
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
        return new Execution(new TaskResult(result), work, false, deferred);
    }

    /**
     * A loop whose items could not be rendered, as Ansible's executor defers it: the task's {@code when}
     * (without an item) decides first, a false one skips the task once; otherwise the loop's error is the
     * task's, also when the condition itself fails.
     */
    private Execution deferred(TemplateException loopError, Inherited inherited, Scope scope) {
        boolean holds;
        try {
            holds = executor.when(inherited, scope);
        } catch (TemplateException conditionError) {
            throw loopError;
        }
        if (holds) {
            throw loopError;
        }
        return Execution.of(executor.skipped(inherited, scope), false);
    }

    /** The loop's items: {@code loop}'s list, or what the {@code with_*} lookup returns. */
    private List<Object> items(Task task, Scope scope) {
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
        // with_X is the lookup X, by any name Ansible resolves (with_community.general.flattened)
        return run.templar().lookups().query(lookup, terms, run.templar(), scope, actions.lookupFolder(task.action()));
    }

    /** ansible_loop for loop_control's extended. */
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
}

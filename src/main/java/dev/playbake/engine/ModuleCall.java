package dev.playbake.engine;

import dev.playbake.engine.actions.Maps;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;
import dev.playbake.python.PyStrings;

import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a module over the connection with the task's become, environment and check mode, and keeps its facts. */
final class ModuleCall {

    private final PlayRun run;
    private final ModuleRegistry modules;

    ModuleCall(PlayRun run, ModuleRegistry modules) {
        this.run = run;
        this.modules = modules;
    }

    /** The module a task names; an error that suggests what to use when playbake has none. */
    Module module(Task task) {
        return modules.find(task.action()).orElseThrow(() -> new PlaybookException(task.location(),
                ModuleSupport.unsupported(task, modules)));
    }

    /** A module by name, which playbake is known to have. */
    Module module(String name) {
        return modules.find(name).orElseThrow();
    }

    /** Runs the module; its facts become facts and host variables. */
    Map<String, Object> run(Module module, Inherited inherited, Scope scope, Map<String, Object> args) {
        Map<String, Object> result = module.run(context(inherited, scope, args)).values();
        if (result.get("ansible_facts") instanceof Map<?, ?> facts && !new TaskResult(result).failed()) {
            // as Ansible injects a module's facts: under ansible_facts and as top-level variables
            Maps.copy(facts).forEach((k, v) -> {
                run.state().facts().put(k, v);
                run.state().hostVars().put(k, v);
            });
        }
        return result;
    }

    ModuleContext context(Inherited inherited, Scope scope, Map<String, Object> args) {
        String user = "";
        if (run.truthy(inherited.become(), scope)) {
            user = inherited.becomeUser().map(u -> run.render(u, scope)).orElse("root");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Maps.copy(run.templar().template(inherited.environment(), scope)).forEach((k, v) -> {
            if (k.equals(TaskOptions.TEMPLATED_ENVIRONMENT)) {
                Maps.copy(v).forEach((name, value) -> env.put(name, PyStrings.str(value)));
            } else {
                env.put(k, PyStrings.str(v));
            }
        });
        boolean check = run.truthy(inherited.checkMode(), scope);
        RunContext context = run.context();
        return new ModuleContext(args, context.connection(), user, env, check, run.files().forTask(scope),
                run.state().facts(), context.serviceState(), context.hostname(), context.artifacts(),
                context.controller().egress());
    }
}

package dev.playbake.engine.actions;

import dev.playbake.engine.PlaybookFiles;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.RoleEntryPoints;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code include_tasks} and {@code include_role}: they load their tasks while the play runs and hand
 * them to the engine with the same params (the include's vars and loop variables), to run once the
 * include is reported.
 */
final class IncludeActions {

    private IncludeActions() {
    }

    static ActionOutcome includeTasks(ActionContext context) {
        Task task = context.task();
        Map<String, Object> args = task.args();
        String file = context.render(args.containsKey("file") ? args.get("file") : args.get("_raw_params"));
        String dir = SourceFiles.parent(task.location().file());
        List<Step> steps = context.parser().includeTasks(file, context.role(), dir, task.location(),
                task.collections());
        return new ActionOutcome(new LinkedHashMap<>(Map.of("changed", false, "include", file)), false,
                List.of(new ActionOutcome.IncludedSteps(steps, params(context))));
    }

    static ActionOutcome includeRole(ActionContext context) {
        Task task = context.task();
        Map<String, Object> args = context.renderedArgs();
        String name = String.valueOf(args.getOrDefault("name", args.get("_raw_params")));
        Block role = context.parser().includeRole(name, RoleEntryPoints.of(args), Map.of(), task.location(),
                task.collections());
        role.role().ifPresent(context::addRoleHandlers);
        Map<String, Object> params = params(context);
        context.role().ifPresent(parent -> {
            // as Ansible's IncludeRole: the including roles, nearest first
            params.put("ansible_parent_role_names", parents(context, "ansible_parent_role_names", parent.name()));
            params.put("ansible_parent_role_paths",
                    parents(context, "ansible_parent_role_paths", PlaybookFiles.ROOT + "/" + parent.path()));
        });
        return new ActionOutcome(new LinkedHashMap<>(Map.of("changed", false, "include_role", name)), false,
                List.of(new ActionOutcome.IncludedRole(role, params)));
    }

    /** The parent's value first, then those its own include gave it. */
    private static List<Object> parents(ActionContext context, String variable, String parent) {
        List<Object> values = new ArrayList<>(List.of(parent));
        context.scope().raw(variable).filter(List.class::isInstance).ifPresent(outer -> values.addAll((List<?>) outer));
        return values;
    }

    /** What the included tasks get as include params: the task's vars and the loop's variables. */
    private static Map<String, Object> params(ActionContext context) {
        Map<String, Object> params = new LinkedHashMap<>(context.task().options().vars());
        params.putAll(loopVariables(context));
        return params;
    }

    /** The loop's variables an include passes to what it includes: the item, index_var, ansible_loop. */
    private static Map<String, Object> loopVariables(ActionContext context) {
        Map<String, Object> control = context.task().options().loopControl();
        Object loopVar = control.get("loop_var");
        List<String> names = new ArrayList<>(List.of(loopVar == null ? "item" : String.valueOf(loopVar),
                "ansible_loop_var", "ansible_loop", "ansible_index_var"));
        Object indexVar = control.get("index_var");
        if (indexVar != null) {
            names.add(context.render(indexVar));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        names.forEach(name -> context.scope().raw(name).ifPresent(value -> vars.put(name, value)));
        return vars;
    }
}

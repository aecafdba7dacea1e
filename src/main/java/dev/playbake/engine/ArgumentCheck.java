package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.ArgumentValidator;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.Task;
import dev.playbake.template.Templar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks before a build starts every module task's arguments against the module's spec: an unknown name (a typo,
 * with the closest name the module takes), a missing required one, and the literal values: their types, their
 * choices, the groups of which at most one or at least one is given. A value that is a template is left to run
 * time, where it is rendered first (it may even be {@code omit}).
 *
 * <p>Ansible validates a task's arguments when the task runs, so only a task that {@linkplain CertainTasks
 * certainly runs} stops the build here; the others are reported as not {@linkplain Problem#certain() certain}
 * and fail at run time with Ansible's message if they run.
 */
public final class ArgumentCheck {

    private final ModuleRegistry modules;
    private final List<Problem> problems = new ArrayList<>();

    private ArgumentCheck(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** Every problem of the tasks' literal arguments, in playbook order. */
    public static List<Problem> problems(Playbook playbook, ModuleRegistry modules, TagSelection selection) {
        return problems(CertainTasks.of(playbook, selection), modules);
    }

    static List<Problem> problems(List<CertainTasks.Visit> visits, ModuleRegistry modules) {
        ArgumentCheck check = new ArgumentCheck(modules);
        visits.forEach(visit -> check.task(visit.task(), visit.certain()));
        return List.copyOf(check.problems);
    }

    private void task(Task task, boolean certain) {
        Optional<Module> module = ActionRegistry.standard().find(task.action()).isPresent() ? Optional.empty()
                : modules.find(task.action());
        if (module.isEmpty() || !literalNames(task.args())) {
            return;
        }
        ArgumentSpec spec = module.get().argumentSpec();
        List<String> messages = new ArrayList<>();
        List<String> missing = ArgumentValidator.missing(spec, task.args().keySet());
        if (!missing.isEmpty()) {
            messages.add(ArgumentValidator.missingMessage(missing));
        }
        // a module that forwards its arguments leaves their values to the backend it picks when it runs
        if (!spec.forwarded()) {
            Map<String, Object> literal = literalValues(task.args());
            messages.addAll(ArgumentValidator.mutuallyExclusive(spec, literal));
            messages.addAll(ArgumentValidator.valueErrors(spec, literal));
            // a template counts as given: only its rendering can tell, and it is usually meant to give a value
            messages.addAll(ArgumentValidator.requiredOneOf(spec, given(task.args())));
        }
        List<String> unknown = ArgumentValidator.unsupported(spec, task.args().keySet());
        if (!unknown.isEmpty()) {
            messages.add(ArgumentValidator.unsupportedMessage(module.get().name(), spec, unknown,
                    name -> Misspelling.closest(name, spec.names())
                            .map(closest -> name + " (did you mean '" + closest + "'?)").orElse(name)));
        }
        messages.forEach(message -> problems.add(new Problem(task, message, certain)));
    }

    /** Whether the names are the task's own: none is a template, nor are the free-form parameters. */
    private static boolean literalNames(Map<String, Object> args) {
        return args.keySet().stream().noneMatch(k -> k.contains("{{"))
                && !String.valueOf(args.getOrDefault("_raw_params", "")).contains("{{");
    }

    /** The arguments given a value that is no template: what the module will receive as written. */
    private static Map<String, Object> literalValues(Map<String, Object> args) {
        Map<String, Object> literal = new LinkedHashMap<>();
        args.forEach((name, value) -> {
            if (value != null && !templated(value)) {
                literal.put(name, value);
            }
        });
        return literal;
    }

    private static Map<String, Object> given(Map<String, Object> args) {
        Map<String, Object> given = new LinkedHashMap<>();
        args.forEach((name, value) -> {
            if (value != null) {
                given.put(name, value);
            }
        });
        return given;
    }

    /** Whether rendering could change the value: a string in it is a template. */
    static boolean templated(Object value) {
        if (value instanceof String text) {
            return Templar.isTemplate(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().anyMatch(ArgumentCheck::templated)
                    || map.values().stream().anyMatch(ArgumentCheck::templated);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(ArgumentCheck::templated);
        }
        return false;
    }
}

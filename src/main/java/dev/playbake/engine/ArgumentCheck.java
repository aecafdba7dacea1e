package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.ArgumentValidator;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks before a build starts the argument names of every module task against the module's spec:
 * an unknown name (a typo) or a missing required one. Values are not looked at: templates render
 * only at run time, where the module's validation checks them.
 *
 * <p>Ansible validates a task's arguments when the task runs, so only a task that {@linkplain CertainTasks
 * certainly runs} stops the build here; the others are reported as not {@linkplain Problem#certain() certain}
 * and fail at run time with Ansible's message if they run.
 */
public final class ArgumentCheck {

    /**
     * A task whose argument names the module does not accept.
     *
     * @param certain the task runs, and fails, whenever its play runs
     */
    public record Problem(Task task, String message, boolean certain) {

        public PlaybookException exception() {
            return new PlaybookException(task.location(), task.displayName(),
                    "task '" + task.displayName() + "': " + message);
        }
    }

    private final ModuleRegistry modules;
    private final List<Problem> problems = new ArrayList<>();

    private ArgumentCheck(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** Fails with file:line and task for the first task that certainly fails on its argument names. */
    public static void check(Playbook playbook, ModuleRegistry modules, TagSelection selection) {
        Optional<Problem> first = problems(playbook, modules, selection).stream().filter(Problem::certain).findFirst();
        if (first.isPresent()) {
            throw first.get().exception();
        }
    }

    /** Every task, in playbook order, whose literal argument names its module does not accept. */
    public static List<Problem> problems(Playbook playbook, ModuleRegistry modules, TagSelection selection) {
        ArgumentCheck check = new ArgumentCheck(modules);
        CertainTasks.of(playbook, selection).forEach(visit -> check.task(visit.task(), visit.certain()));
        return List.copyOf(check.problems);
    }

    private void task(Task task, boolean certain) {
        Optional<Module> module = ActionRegistry.standard().find(task.action()).isPresent() ? Optional.empty()
                : modules.find(task.action());
        if (module.isEmpty() || !literalNames(task.args())) {
            return;
        }
        ArgumentSpec spec = module.get().argumentSpec();
        List<String> missing = ArgumentValidator.missing(spec, task.args().keySet());
        if (!missing.isEmpty()) {
            problems.add(new Problem(task, ArgumentValidator.missingMessage(missing), certain));
        }
        List<String> unknown = ArgumentValidator.unsupported(spec, task.args().keySet());
        if (!unknown.isEmpty()) {
            problems.add(new Problem(task, ArgumentValidator.unsupportedMessage(module.get().name(), spec, unknown),
                    certain));
        }
    }

    /** Whether the names are the task's own: none is a template, nor are the free-form parameters. */
    private static boolean literalNames(Map<String, Object> args) {
        return args.keySet().stream().noneMatch(k -> k.contains("{{"))
                && !String.valueOf(args.getOrDefault("_raw_params", "")).contains("{{");
    }
}

package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.ArgumentValidator;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks before a build starts the argument names of every module task against the module's spec:
 * an unknown name (a typo) or a missing required one. Values are not looked at: templates render
 * only at run time, where the module's validation checks them.
 *
 * <p>Ansible validates a task's arguments when the task runs, so a playbook whose only wrong task never
 * runs (its {@code when} is false, it is a handler nobody notifies, its tags are not selected) or
 * whose failure is tolerated ({@code ignore_errors}, {@code failed_when}, a {@code rescue}) works
 * under Ansible. Such tasks are reported as not {@linkplain Problem#certain() certain} and do not
 * stop the build; they fail at run time with Ansible's message if they run. A task that runs
 * whenever its play does fails the build there anyway, so it is reported before the container starts.
 */
public final class ArgumentCheck {

    private static final List<String> ENDS_PLAY = List.of("end_play", "end_host", "end_batch");

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

    /** What the walk knows about the steps around a task. */
    private record Around(boolean mayNotRun, boolean tolerated, List<String> tags) {

        Around inside(TaskOptions options, boolean rescued) {
            List<String> all = Stream.concat(tags.stream(), options.tags().stream()).toList();
            return new Around(mayNotRun || !options.when().isEmpty() || options.loop().isPresent(),
                    tolerated || rescued || options.ignoreErrors().isPresent() || options.failedWhen().isPresent(),
                    all);
        }

        Around conditional() {
            return new Around(true, tolerated, tags);
        }
    }

    private final ModuleRegistry modules;
    private final TagSelection selection;
    private final List<Problem> problems = new ArrayList<>();
    private boolean playMayHaveEnded;

    private ArgumentCheck(ModuleRegistry modules, TagSelection selection) {
        this.modules = modules;
        this.selection = selection;
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
        ArgumentCheck check = new ArgumentCheck(modules, selection);
        for (Play play : playbook.plays()) {
            check.playMayHaveEnded = false;
            Around start = new Around(false, play.options().ignoreErrors().isPresent(), play.options().tags());
            for (List<Step> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                section.forEach(step -> check.step(step, start));
            }
            // a handler runs only when notified
            play.handlers().forEach(handler -> check.step(handler, start.conditional()));
        }
        return List.copyOf(check.problems);
    }

    private void step(Step step, Around around) {
        if (step instanceof Block block) {
            Around inside = around.inside(block.options(), false);
            block.block().forEach(s -> step(s, block.rescue().isEmpty() ? inside
                    : new Around(inside.mayNotRun(), true, inside.tags())));
            block.rescue().forEach(s -> step(s, inside.conditional()));
            block.always().forEach(s -> step(s, inside));
            return;
        }
        Task task = (Task) step;
        Around here = around.inside(task.options(), false);
        if (task.action().equals("meta") && ENDS_PLAY.contains(String.valueOf(task.args().get("_raw_params")))) {
            playMayHaveEnded = true;
            return;
        }
        Optional<Module> module = ActionRegistry.standard().find(task.action()).isPresent() ? Optional.empty()
                : modules.find(task.action());
        if (module.isEmpty() || !literalNames(task.args())) {
            return;
        }
        ArgumentSpec spec = module.get().argumentSpec();
        boolean certain = !here.mayNotRun() && !here.tolerated() && !playMayHaveEnded && selection.selects(here.tags());
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

package dev.playbake.engine;

import dev.playbake.playbook.Block;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one walk the checks before a build share: every statically loaded task, and whether it certainly runs,
 * and fails uncaught, whenever its play runs. Ansible checks a task when it runs, so a playbook whose only bad
 * task never runs (its {@code when} is false, it loops over nothing, it is a handler nobody notifies, the tags
 * leave it out, an {@code end_play} came first) or whose failure is tolerated ({@code ignore_errors},
 * {@code failed_when}, a {@code rescue}) works under Ansible; only a certain task may fail a build early.
 */
final class CertainTasks {

    private static final List<String> ENDS_PLAY = List.of("end_play", "end_host", "end_batch");

    /**
     * A task of the walk.
     *
     * @param certain the task runs, and its failure is not caught, whenever its play runs
     * @param reached the same but for the task's own {@code when} and loop: the task is reached, and its loop or
     *                (without a loop) its first condition evaluated
     */
    record Visit(Task task, boolean certain, boolean reached) {
    }

    /** What the walk knows about the steps around a task. */
    private record Around(boolean mayNotRun, boolean tolerated, List<String> tags) {

        Around inside(TaskOptions options) {
            List<String> all = Stream.concat(tags.stream(), options.tags().stream()).toList();
            return new Around(mayNotRun || !options.when().isEmpty() || options.loop().isPresent(),
                    tolerated || options.ignoreErrors().isPresent() || options.failedWhen().isPresent(), all);
        }

        Around conditional() {
            return new Around(true, tolerated, tags);
        }

        Around rescued() {
            return new Around(mayNotRun, true, tags);
        }
    }

    private final TagSelection selection;
    private final List<Visit> visits = new ArrayList<>();
    private boolean playMayHaveEnded;

    private CertainTasks(TagSelection selection) {
        this.selection = selection;
    }

    /** Every task of every play in the order Ansible would reach it: pre_tasks, tasks, post_tasks, handlers. */
    static List<Visit> of(Playbook playbook, TagSelection selection) {
        CertainTasks walk = new CertainTasks(selection);
        for (Play play : playbook.plays()) {
            walk.playMayHaveEnded = false;
            Around start = new Around(false, play.options().ignoreErrors().isPresent(), play.options().tags());
            for (List<Step> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                section.forEach(step -> walk.step(step, start));
            }
            // a handler runs only when notified
            play.handlers().forEach(handler -> walk.step(handler, start.conditional()));
        }
        return List.copyOf(walk.visits);
    }

    private void step(Step step, Around around) {
        if (step instanceof Block block) {
            Around inside = around.inside(block.options());
            block.block().forEach(s -> step(s, block.rescue().isEmpty() ? inside : inside.rescued()));
            block.rescue().forEach(s -> step(s, inside.conditional()));
            block.always().forEach(s -> step(s, inside));
            return;
        }
        Task task = (Task) step;
        Around here = around.inside(task.options());
        boolean reached = !around.mayNotRun() && !here.tolerated() && !playMayHaveEnded
                && selection.selects(here.tags());
        visits.add(new Visit(task, reached && task.options().when().isEmpty() && task.options().loop().isEmpty(),
                reached));
        if (task.action().equals("meta") && ENDS_PLAY.contains(String.valueOf(task.args().get("_raw_params")))) {
            playMayHaveEnded = true;
        }
    }
}

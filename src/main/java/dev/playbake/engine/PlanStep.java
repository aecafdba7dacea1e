package dev.playbake.engine;

import dev.playbake.playbook.Block;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Role;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;
import dev.playbake.playbook.TaskTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One unit of a run that the cache can skip: a task or block of a section, or the handler flush that ends a
 * section. A role and a static import are split into their steps, so an edit inside a role reruns from the edited
 * task on, as a Dockerfile reruns from the edited line. A written {@code block:} stays one step: its rescue and
 * always decide together what a failure means, and its snapshot is the container's diff after all of it, which is
 * how a build keeps a tool it installs and removes again out of every layer.
 * Positions are fixed before anything runs.
 *
 * @param index   position over the whole playbook
 * @param play    index of the play
 * @param section where the step sits
 * @param within  the split blocks around the step, outermost first: their keywords apply to it
 * @param step    the task or block; empty for a handler flush
 */
public record PlanStep(int index, int play, Section section, List<Block> within, Optional<Step> step) {

    /** The three task sections of a play; handlers are flushed at the end of each. */
    public enum Section { PRE_TASKS, TASKS, POST_TASKS }

    /** What a split block gives the steps inside it: everything but its list of steps. */
    public record Enclosing(String name, Location location, TaskOptions options, Optional<Role> role) {
    }

    public PlanStep {
        within = List.copyOf(within);
    }

    public boolean isFlush() {
        return step.isEmpty();
    }

    /** The split blocks around the step without their steps, which are steps of their own. */
    public List<Enclosing> enclosing() {
        return within.stream().map(b -> new Enclosing(b.name(), b.location(), b.options(), b.role())).toList();
    }

    /** The names a cached step reports, in order (a block's tasks, not its rescue/always). */
    public List<String> taskNames() {
        return step.stream().flatMap(s -> TaskTree.tasks(s, TaskTree.Sections.BLOCK_ONLY))
                .map(Task::displayName).toList();
    }

    /** The fixed list of steps of a playbook. */
    public static List<PlanStep> plan(List<Play> plays) {
        List<PlanStep> steps = new ArrayList<>();
        for (int p = 0; p < plays.size(); p++) {
            Play play = plays.get(p);
            add(steps, p, Section.PRE_TASKS, play.preTasks());
            add(steps, p, Section.TASKS, play.tasks());
            add(steps, p, Section.POST_TASKS, play.postTasks());
        }
        return steps;
    }

    private static void add(List<PlanStep> steps, int play, Section section, List<Step> tasks) {
        addSteps(steps, play, section, List.of(), tasks);
        steps.add(new PlanStep(steps.size(), play, section, List.of(), Optional.empty()));
    }

    private static void addSteps(List<PlanStep> steps, int play, Section section, List<Block> within,
                                 List<Step> tasks) {
        for (Step step : tasks) {
            if (step instanceof Block block && block.origin() != Block.Origin.WRITTEN) {
                List<Block> inner = new ArrayList<>(within);
                inner.add(block);
                addSteps(steps, play, section, inner, block.block());
            } else {
                steps.add(new PlanStep(steps.size(), play, section, within, Optional.of(step)));
            }
        }
    }
}

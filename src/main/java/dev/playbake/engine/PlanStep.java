package dev.playbake.engine;

import dev.playbake.playbook.Play;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One unit of a run that the cache can skip: a top-level task or block of a section, or the
 * handler flush that ends a section. Positions are fixed before anything runs.
 *
 * @param index   position over the whole playbook
 * @param play    index of the play
 * @param section where the step sits
 * @param step    the task or block; empty for a handler flush
 */
public record PlanStep(int index, int play, Section section, Optional<Step> step) {

    /** The three task sections of a play; handlers are flushed at the end of each. */
    public enum Section { PRE_TASKS, TASKS, POST_TASKS }

    public boolean isFlush() {
        return step.isEmpty();
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
        for (Step step : tasks) {
            steps.add(new PlanStep(steps.size(), play, section, Optional.of(step)));
        }
        steps.add(new PlanStep(steps.size(), play, section, Optional.empty()));
    }
}

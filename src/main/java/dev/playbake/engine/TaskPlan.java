package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The tasks of a plan that a run reports, numbered by their place in it (1-based): what a build's {@code [n/N]}
 * counts. A task keeps its number whichever steps are cached, so the same playbook numbers the same way every run.
 * Counted are the tasks of each step's block and always sections that the tag selection keeps and that are
 * reported at all (a meta task is not); a play's facts, handlers, rescues and dynamically included tasks are
 * reported without a number, since no plan position stands for them.
 */
public final class TaskPlan {

    /** A task of the plan and its number. */
    public record Numbered(Task task, int number) {
    }

    private final List<List<Numbered>> byStep = new ArrayList<>();
    private final Map<Task, Integer> numbers = new IdentityHashMap<>();
    private int total;

    private TaskPlan() {
    }

    /** The numbered tasks of {@code steps}, the plan of {@code plays}, under the selection {@code tags}. */
    public static TaskPlan of(List<PlanStep> steps, List<Play> plays, TagSelection tags) {
        TaskPlan plan = new TaskPlan();
        ActionRegistry actions = ActionRegistry.standard();
        for (PlanStep step : steps) {
            List<Numbered> tasks = new ArrayList<>();
            List<String> playTags = plays.get(step.play()).options().tags();
            step.step().ifPresent(s -> walk(s, playTags).filter(v -> actions.reported(v.task().action())
                    && tags.selects(v.tags())).forEach(v -> {
                        int number = ++plan.total;
                        plan.numbers.putIfAbsent(v.task(), number);
                        tasks.add(new Numbered(v.task(), number));
                    }));
            plan.byStep.add(List.copyOf(tasks));
        }
        return plan;
    }

    private record Visit(Task task, List<String> tags) {
    }

    private static Stream<Visit> walk(Step step, List<String> outer) {
        List<String> tags = Stream.concat(outer.stream(), step.options().tags().stream()).toList();
        if (step instanceof Block block) {
            return Stream.concat(block.block().stream(), block.always().stream()).flatMap(s -> walk(s, tags));
        }
        return Stream.of(new Visit((Task) step, tags));
    }

    /** How many tasks the plan numbers. */
    public int total() {
        return total;
    }

    /** The numbered tasks of a step, in order; none for a handler flush. */
    public List<Numbered> tasks(PlanStep step) {
        return byStep.get(step.index());
    }

    /** The task's number; empty for a task the plan does not hold (a handler, a rescue, an included task). */
    public OptionalInt number(Task task) {
        Integer number = numbers.get(task);
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }
}

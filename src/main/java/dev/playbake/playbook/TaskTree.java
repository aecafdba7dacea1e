package dev.playbake.playbook;

import java.util.List;
import java.util.stream.Stream;

/**
 * The one walk over a task tree: every step of blocks (roles and static imports are blocks too), in
 * the order they are written, a block before what it holds.
 */
public final class TaskTree {

    /** Which sections of a block a walk enters. */
    public enum Sections {
        /** block, rescue and always: everything that may run. */
        ALL,
        /** only block: what runs when nothing fails (Ansible looks for handlers only there). */
        BLOCK_ONLY
    }

    private TaskTree() {
    }

    /** The step and, for a block, every step inside it, depth first. */
    public static Stream<Step> steps(Step step, Sections sections) {
        if (step instanceof Block block) {
            Stream<Step> inner = sections == Sections.ALL
                    ? Stream.of(block.block(), block.rescue(), block.always()).flatMap(List::stream)
                    : block.block().stream();
            return Stream.concat(Stream.of(step), inner.flatMap(s -> steps(s, sections)));
        }
        return Stream.of(step);
    }

    /** Every step of a list and of the blocks in it. */
    public static Stream<Step> steps(List<? extends Step> steps, Sections sections) {
        return steps.stream().flatMap(s -> steps(s, sections));
    }

    /** The tasks of a step: itself, or those in the block. */
    public static Stream<Task> tasks(Step step, Sections sections) {
        return steps(step, sections).filter(Task.class::isInstance).map(Task.class::cast);
    }

    /** The tasks of a list of steps. */
    public static Stream<Task> tasks(List<? extends Step> steps, Sections sections) {
        return steps(steps, sections).filter(Task.class::isInstance).map(Task.class::cast);
    }
}

package dev.playbake.engine.actions;

import dev.playbake.playbook.Block;
import dev.playbake.playbook.Step;

import java.util.List;
import java.util.Map;

/**
 * What an action produced: its result, whether it ends the play, and what the engine runs once the
 * task is reported (included tasks, a role, a handler flush): the action only describes them, so it
 * needs nothing of how steps run.
 */
public record ActionOutcome(Map<String, Object> result, boolean endPlay, List<FollowUp> followUps) {

    public ActionOutcome {
        followUps = List.copyOf(followUps);
    }

    /** A plain result: nothing follows. */
    public static ActionOutcome of(Map<String, Object> result) {
        return new ActionOutcome(result, false, List.of());
    }

    /** Steps the engine runs after the task is reported, as Ansible lists included tasks after their include. */
    public sealed interface FollowUp {
    }

    /** include_tasks: the file's steps, with the include's params (its vars and loop variables). */
    public record IncludedSteps(List<Step> steps, Map<String, Object> params) implements FollowUp {
    }

    /** include_role: the role's block, with the include's params. */
    public record IncludedRole(Block role, Map<String, Object> params) implements FollowUp {
    }

    /** meta: flush_handlers. */
    public record FlushHandlers() implements FollowUp {
    }
}

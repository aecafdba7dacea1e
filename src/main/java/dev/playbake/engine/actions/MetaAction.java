package dev.playbake.engine.actions;

import dev.playbake.modules.ModuleException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code meta}: acts on the run (flush handlers, end the play, clear facts), not on the host. */
final class MetaAction implements Action {

    /** What Ansible's strategy runs whatever the task's when says, with a warning. */
    static final Set<String> UNCONDITIONAL = Set.of("noop", "refresh_inventory", "reset_connection");

    /** The result's message when the play ends. */
    private static final String END_PLAY = "__end_play__";

    @Override
    public ActionOutcome run(ActionContext context) {
        String what = context.render(context.task().args().getOrDefault("_raw_params", "")).strip();
        return switch (what) {
            case "flush_handlers" -> new ActionOutcome(Map.of("changed", false), false,
                    List.of(new ActionOutcome.FlushHandlers()));
            case "end_play", "end_host", "end_batch" -> new ActionOutcome(Map.of("changed", false, "msg", END_PLAY),
                    true, List.of());
            case "noop", "clear_facts", "clear_host_errors", "refresh_inventory", "reset_connection" -> {
                if (what.equals("clear_facts")) {
                    context.state().facts().clear();
                }
                yield ActionOutcome.of(Map.of("changed", false));
            }
            default -> throw new ModuleException("invalid meta action requested: " + what);
        };
    }
}

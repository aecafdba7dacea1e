package dev.playbake.engine.actions;

import dev.playbake.engine.FactSelection;
import dev.playbake.engine.Facts;
import dev.playbake.modules.ModuleResult;

import java.util.Map;

/** The actions of a line or two: fail, setup, gather_facts, ping, set_stats, group_by, add_host. */
final class SimpleActions {

    private SimpleActions() {
    }

    static ActionOutcome fail(ActionContext context) {
        return ActionOutcome.of(ModuleResult.failed(String.valueOf(context.templatedArgs()
                .getOrDefault("msg", "Failed as requested from task"))).values());
    }

    static ActionOutcome setup(ActionContext context) {
        Map<String, Object> selected = FactSelection.select(Facts.gather(context.connection()),
                context.templatedArgs());
        context.state().gathered(selected);
        return ActionOutcome.of(Map.of("changed", false, "ansible_facts", selected));
    }

    static ActionOutcome gatherFacts(ActionContext context) {
        context.state().gathered(Facts.gather(context.connection()));
        return ActionOutcome.of(Map.of("changed", false, "ansible_facts", context.state().facts()));
    }

    static ActionOutcome ping(ActionContext context) {
        return ActionOutcome.of(Map.of("changed", false, "ping", "pong"));
    }

    /** set_stats: a build has no stats to show, so it records nothing. */
    static ActionOutcome setStats(ActionContext context) {
        return ActionOutcome.of(Map.of("changed", false));
    }

    static ActionOutcome groupBy(ActionContext context) {
        return ActionOutcome.of(context.inventory().groupBy(context.templatedArgs()));
    }

    static ActionOutcome addHost(ActionContext context) {
        return ActionOutcome.of(context.inventory().addHost(context.templatedArgs()));
    }
}

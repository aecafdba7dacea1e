package dev.playbake.engine.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The actions the engine runs itself, by name, with their metadata: the one list the engine's
 * dispatch, the module check, the cache keys and the parser read.
 */
public final class ActionRegistry {

    private static final ActionRegistry STANDARD = new ActionRegistry(List.of(
            ActionInfo.of("debug", new DebugAction()),
            ActionInfo.of("set_fact", new SetFactAction()),
            ActionInfo.of("assert", new AssertAction()),
            ActionInfo.of("fail", SimpleActions::fail),
            ActionInfo.of("meta", new MetaAction()).takingAScalar().unreported(),
            ActionInfo.of("include_tasks", IncludeActions::includeTasks).readingFilesAtRunTime().takingAScalar(),
            // the old include: the parser imports it in place unless it must be dynamic
            ActionInfo.of("include", IncludeActions::includeTasks).readingFilesAtRunTime().takingAScalar(),
            ActionInfo.of("include_role", IncludeActions::includeRole).readingFilesAtRunTime().takingAScalar(),
            ActionInfo.of("include_vars", new IncludeVarsAction()).lookingIn("vars").readingFilesAtRunTime()
                    .takingAScalar(),
            ActionInfo.of("template", new TemplateAction()).lookingIn("templates").changingContainer(),
            ActionInfo.of("setup", SimpleActions::setup),
            ActionInfo.of("gather_facts", SimpleActions::gatherFacts),
            ActionInfo.of("ping", SimpleActions::ping),
            ActionInfo.of("pause", new PauseAction()),
            ActionInfo.of("set_stats", SimpleActions::setStats),
            ActionInfo.of("validate_argument_spec", new ValidateArgumentSpecAction()),
            ActionInfo.of("group_by", SimpleActions::groupBy),
            ActionInfo.of("add_host", SimpleActions::addHost)));

    private final Map<String, ActionInfo> actions = new LinkedHashMap<>();

    private ActionRegistry(List<ActionInfo> actions) {
        actions.forEach(info -> this.actions.put(info.name(), info));
    }

    /** Every action playbake implements. */
    public static ActionRegistry standard() {
        return STANDARD;
    }

    public Optional<ActionInfo> find(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    /** The names, in the order they are registered. */
    public List<String> names() {
        return List.copyOf(actions.keySet());
    }

    /**
     * The subfolder a task's {@code with_*} lookups read, by its action; for a module, as Ansible's
     * task executor decides it from the name ({@code template} in it: templates, {@code var}: vars).
     */
    public String lookupFolder(String action) {
        return find(action).map(ActionInfo::lookupFolder).orElseGet(() -> {
            for (String subdir : List.of("template", "var")) {
                if (action.contains(subdir)) {
                    return subdir + "s";
                }
            }
            return "files";
        });
    }

    /** Whether the playbook files a task reads depend on the run (a module's never do). */
    public boolean readsFilesAtRunTime(String action) {
        return find(action).map(ActionInfo::readsFilesAtRunTime).orElse(false);
    }

    /** Whether a task of this action is reported as a task (a module's always is). */
    public boolean reported(String action) {
        return find(action).map(ActionInfo::reported).orElse(true);
    }

    /**
     * The meta action a task runs whatever its {@code when} says ({@code noop}, {@code refresh_inventory},
     * {@code reset_connection}, as Ansible's strategy runs them), if it is one.
     */
    public Optional<String> unconditionalMeta(String action, Map<String, Object> args) {
        String what = String.valueOf(args.getOrDefault("_raw_params", "")).strip();
        return action.equals("meta") && MetaAction.UNCONDITIONAL.contains(what) ? Optional.of(what) : Optional.empty();
    }

    /** The actions whose argument may be a bare scalar, for the parser. */
    public Set<String> scalarArgumentActions() {
        return actions.values().stream().filter(ActionInfo::scalarArgument).map(ActionInfo::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}

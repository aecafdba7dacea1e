package dev.playbake.engine;

import dev.playbake.playbook.Role;
import dev.playbake.playbook.TaskOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keywords that flow from a play and its blocks into the tasks inside: conditions add up (AND),
 * tags add up, block vars stack, and the innermost become/environment/ignore_errors/no_log wins.
 */
record Inherited(List<Object> when, List<String> tags, Optional<Object> become, Optional<Object> becomeUser,
                 Map<String, Object> environment, List<Map<String, Object>> blockVars, Optional<Object> ignoreErrors,
                 Optional<Object> noLog, Optional<Object> checkMode, Optional<Role> role,
                 Map<String, Object> includeParams) {

    static Inherited of(TaskOptions play) {
        return new Inherited(List.of(), List.copyOf(play.tags()), play.become(), play.becomeUser(),
                Map.copyOf(play.environment()), List.of(), play.ignoreErrors(), play.noLog(), play.checkMode(),
                Optional.empty(), Map.of());
    }

    /** The keywords a task or block sees, its own options applied over what it inherits. */
    Inherited with(TaskOptions options, Optional<Role> ownRole, boolean includeWhen) {
        List<Object> conditions = new ArrayList<>(when);
        if (includeWhen) {
            conditions.addAll(options.when());
        }
        LinkedHashSet<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(options.tags());
        Map<String, Object> env = new LinkedHashMap<>(environment);
        env.putAll(options.environment());
        List<Map<String, Object>> vars = new ArrayList<>(blockVars);
        if (!options.vars().isEmpty()) {
            vars.add(0, options.vars());
        }
        return new Inherited(conditions, List.copyOf(allTags), options.become().or(() -> become),
                options.becomeUser().or(() -> becomeUser), env, vars,
                options.ignoreErrors().or(() -> ignoreErrors), options.noLog().or(() -> noLog),
                options.checkMode().or(() -> checkMode), ownRole.or(() -> role), includeParams);
    }

    Inherited withIncludeParams(Map<String, Object> params) {
        Map<String, Object> merged = new LinkedHashMap<>(includeParams);
        merged.putAll(params);
        return new Inherited(when, tags, become, becomeUser, environment, blockVars, ignoreErrors, noLog, checkMode,
                role, merged);
    }

}

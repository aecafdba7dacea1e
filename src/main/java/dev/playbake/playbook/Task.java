package dev.playbake.playbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One module call with its keywords.
 *
 * @param name     the task's name as written (empty when it has none)
 * @param location where the task starts
 * @param action   the module, normalised to its short name ({@code ansible.builtin.copy} → {@code copy})
 * @param written  the module as the task names it ({@code ansible.builtin.copy}), what Ansible prints for a
 *                 task without a name
 * @param args     the module's arguments (free-form text arrives as {@code _raw_params})
 * @param options  the task keywords
 * @param role     the role the task comes from, if any
 * @param collections the collections a short name it names is searched in ({@code collections:} of the task, its
 *                 block, its role or its play), in order; empty for Ansible's default search
 */
public record Task(String name, Location location, String action, String written, Map<String, Object> args, TaskOptions options,
                   Optional<Role> role, List<String> collections) implements Step {

    /**
     * The name Ansible prints: the task's name, else the action as written, prefixed with the role; an include_role is
     * named without its role's prefix, and without a name after the role it includes, as Ansible's IncludeRole.
     */
    public String displayName() {
        if (action.equals("include_role")) {
            if (!name.isEmpty()) {
                return name;
            }
            Object included = args.getOrDefault("name", args.get("_raw_params"));
            return included == null ? written : written + " : " + included;
        }
        String base = name.isEmpty() ? written : name;
        return role.map(r -> r.name() + " : " + base).orElse(base);
    }
}

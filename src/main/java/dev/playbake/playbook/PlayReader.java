package dev.playbake.playbook;

import static dev.playbake.playbook.Nodes.list;
import static dev.playbake.playbook.Nodes.requireMap;
import static dev.playbake.playbook.Nodes.string;
import static dev.playbake.playbook.Nodes.vars;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a playbook's plays, following {@code import_playbook}, each with its roles, tasks and handlers. */
final class PlayReader {

    private static final Set<String> PLAY_KEYS = Set.of("name", "hosts", "vars", "vars_files", "vars_prompt",
            "gather_facts", "gather_subset", "gather_timeout", "pre_tasks", "roles", "tasks", "post_tasks", "handlers",
            "become", "become_user", "become_method", "become_flags", "environment", "tags", "connection",
            "remote_user", "serial", "strategy", "any_errors_fatal", "max_fail_percentage", "collections",
            "module_defaults", "force_handlers", "ignore_errors", "ignore_unreachable", "no_log", "order",
            "run_once", "check_mode", "diff", "debugger", "throttle", "timeout", "fact_path", "port");

    private final IncludedFiles files;
    private final TaskReader reader;
    private final RoleLoader roleLoader;

    PlayReader(IncludedFiles files, TaskReader reader) {
        this.files = files;
        this.reader = reader;
        this.roleLoader = reader.roles();
    }

    List<Play> plays(String file, String content, Set<String> importing) {
        if (!importing.add(file)) {
            throw new PlaybookException(new Location(file, 0), "import_playbook loops back to " + file);
        }
        Object document = YamlLoader.load(file, content);
        if (!(document instanceof LocatedList list)) {
            throw new PlaybookException(new Location(file, 1),
                    "a playbook must be a list of plays (did you pass a task list or an ImageBuild?)");
        }
        List<Play> plays = new ArrayList<>();
        for (Object entry : list) {
            LocatedMap map = requireMap(entry, list.location(), "a play");
            if (map.containsKey("import_playbook") || map.containsKey("ansible.builtin.import_playbook")) {
                Object target = map.getOrDefault("import_playbook", map.get("ansible.builtin.import_playbook"));
                String path = files.resolveRelative(SourceFiles.parent(file), String.valueOf(target), map.location());
                String text = files.sources().readText(path).orElseThrow(() -> new PlaybookException(map.location(),
                        "import_playbook: " + target + " not found"));
                Map<String, Object> importVars = vars(map.get("vars"), map.location(), "vars");
                for (Play imported : plays(path, text, importing)) {
                    // an import's vars override the imported plays' own, as Ansible combines them
                    Map<String, Object> combined = new LinkedHashMap<>(imported.vars());
                    combined.putAll(importVars);
                    plays.add(new Play(imported.name(), imported.location(), imported.hosts(), combined,
                            imported.varsFiles(), imported.gatherFacts(), imported.options(), imported.preTasks(),
                            imported.tasks(), imported.postTasks(), imported.handlers(), imported.roles()));
                }
            } else {
                plays.add(play(map));
            }
        }
        importing.remove(file);
        return plays;
    }

    private Play play(LocatedMap map) {
        Location at = map.location();
        for (String key : map.keySet()) {
            if (!PLAY_KEYS.contains(key)) {
                throw new PlaybookException(at, "'" + key + "' is not a valid attribute for a play"
                        + (Keywords.TASK_KEYS.contains(key) || key.contains(".")
                                ? " (is a task at the wrong level?)" : ""));
            }
        }
        if (map.containsKey("vars_prompt")) {
            throw new PlaybookException(at, "vars_prompt asks at a terminal, and a build is not interactive: "
                    + "give the values as vars (-e KEY=VALUE or spec.vars)");
        }
        if (!map.containsKey("hosts")) {
            throw new PlaybookException(at, "the play has no 'hosts'");
        }
        String name = string(map.get("name"));
        List<String> collections = CollectionSearch.keyword(map.get("collections"), at, "the play").orElse(List.of());
        List<Role> roles = new ArrayList<>();
        List<Step> tasks = new ArrayList<>();
        // a role named by a bare string has no place of its own: its list has, which is nearer than the play
        Location rolesAt = map.get("roles") instanceof LocatedList located ? located.location() : at;
        Map<List<Object>, Role> loaded = new HashMap<>();
        for (Object entry : list(map.get("roles"), at, "roles")) {
            tasks.add(roleLoader.playRoleBlock(roleLoader.roleRef(entry, rolesAt, collections), roles, loaded));
        }
        tasks.addAll(reader.steps(map.get("tasks"), Optional.empty(), files.playbookDir(), at, collections));
        // the roles' handlers come first, as Ansible compiles them (and so runs them) before the play's
        List<Task> handlers = new ArrayList<>();
        roles.forEach(role -> handlers.addAll(role.handlers()));
        handlers.addAll(reader.handlers(map.get("handlers"), Optional.empty(), files.playbookDir(), at, collections));
        List<List<String>> varsFiles = new ArrayList<>();
        for (Object file : list(map.get("vars_files"), at, "vars_files")) {
            if (file instanceof List<?> alternatives) {
                varsFiles.add(alternatives.stream().map(String::valueOf).toList());
            } else {
                varsFiles.add(List.of(String.valueOf(file)));
            }
        }
        return new Play(name, at, hostsPattern(map.get("hosts")), vars(map.get("vars"), at, "vars"), varsFiles,
                map.getOrDefault("gather_facts", true), Keywords.options(map, at),
                reader.steps(map.get("pre_tasks"), Optional.empty(), files.playbookDir(), at, collections), tasks,
                reader.steps(map.get("post_tasks"), Optional.empty(), files.playbookDir(), at, collections), handlers,
                roles);
    }

    private static String hostsPattern(Object hosts) {
        if (hosts instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(hosts);
    }
}

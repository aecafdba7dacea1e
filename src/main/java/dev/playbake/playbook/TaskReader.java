package dev.playbake.playbook;

import static dev.playbake.playbook.Nodes.describe;
import static dev.playbake.playbook.Nodes.list;
import static dev.playbake.playbook.Nodes.requireMap;
import static dev.playbake.playbook.Nodes.string;
import static dev.playbake.playbook.Nodes.taskLabel;

import dev.playbake.template.Templar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads task lists: blocks, tasks (their action, free-form or mapped arguments and keywords), and the
 * {@code import_tasks} and {@code import_role} it resolves in place.
 */
final class TaskReader {

    /** The parser's own actions whose argument may be a bare scalar: the imports it resolves itself. */
    private static final Set<String> SCALAR_IMPORTS = Set.of("import_tasks", "import_role");

    private final IncludedFiles files;
    private final Set<String> scalarArgument;
    /** Whether what this reader reads is loaded by a dynamic include, which makes an old {@code include:} dynamic too. */
    private final boolean dynamicParents;
    // roles hold task lists and task lists import roles: the two readers recurse into each other
    private final RoleLoader roles;

    TaskReader(IncludedFiles files, Set<String> scalarArgumentActions, boolean dynamicParents) {
        this.files = files;
        this.dynamicParents = dynamicParents;
        Set<String> scalar = new HashSet<>(SCALAR_IMPORTS);
        scalar.addAll(scalarArgumentActions);
        this.scalarArgument = Set.copyOf(scalar);
        this.roles = new RoleLoader(files, this);
    }

    RoleLoader roles() {
        return roles;
    }

    /**
     * The steps of a task list; {@code collections} is the search list its tasks inherit (their role's, else
     * their play's or including task's), which a block's or task's own {@code collections:} replaces.
     */
    List<Step> steps(Object value, Optional<Role> role, String dir, Location parent, List<String> collections) {
        List<Step> steps = new ArrayList<>();
        for (Object entry : list(value, parent, "a task list")) {
            LocatedMap map = requireMap(entry, parent, "a task");
            steps.add(step(map, role, dir, collections));
        }
        return steps;
    }

    List<Task> handlers(Object value, Optional<Role> role, String dir, Location parent, List<String> collections) {
        // Ansible looks for handlers in a block's tasks only, not in its rescue or always
        return TaskTree.tasks(steps(value, role, dir, parent, collections), TaskTree.Sections.BLOCK_ONLY).toList();
    }

    private Step step(LocatedMap map, Optional<Role> role, String dir, List<String> inherited) {
        Location at = map.location();
        String name = string(map.get("name"));
        List<String> collections = CollectionSearch.keyword(map.get("collections"), at,
                map.containsKey("block") ? "a block" : "a task").orElse(inherited);
        if (map.containsKey("block")) {
            for (String key : map.keySet()) {
                if (!Keywords.TASK_KEYS.contains(key)) {
                    throw new PlaybookException(at, taskLabel(name) + "'" + key + "' is not a valid attribute for a block");
                }
            }
            return new Block(name, at, steps(map.get("block"), role, dir, at, collections),
                    steps(map.get("rescue"), role, dir, at, collections),
                    steps(map.get("always"), role, dir, at, collections), Keywords.options(map, at), Optional.empty(),
                    Block.Origin.WRITTEN);
        }
        if (map.containsKey("rescue") || map.containsKey("always")) {
            throw new PlaybookException(at, taskLabel(name) + "'rescue' and 'always' belong to a block");
        }
        Task task = task(map, role, collections);
        return switch (task.action()) {
            case "import_tasks" -> importTasks(task, dir);
            case "include" -> legacyInclude(task, dir);
            case "import_role" -> importRole(task);
            case "import_playbook" -> throw new PlaybookException(at, "import_playbook can only be used at the playbook level");
            default -> task;
        };
    }

    private Task task(LocatedMap map, Optional<Role> role, List<String> collections) {
        Location at = map.location();
        String name = string(map.get("name"));
        if (map.containsKey("local_action")) {
            throw new PlaybookException(at, taskLabel(name) + "local_action runs on the controller; a build has "
                    + "only the build container: run the task in the container or before the build");
        }
        if (map.containsKey("async")) {
            Object async = map.get("async");
            if (!(async instanceof Number n && n.intValue() == 0)) {
                throw new PlaybookException(at, taskLabel(name) + "async tasks are not supported in an image build: "
                        + "remove 'async'/'poll' (the task then runs to its end)");
            }
        }
        List<String> actions = map.keySet().stream()
                .filter(k -> !Keywords.TASK_KEYS.contains(k) && !k.startsWith("with_")).toList();
        String written;
        Map<String, Object> args = new LinkedHashMap<>();
        if (map.containsKey("action")) {
            if (!actions.isEmpty()) {
                throw new PlaybookException(at, taskLabel(name) + "conflicting action statements: action, "
                        + String.join(", ", actions));
            }
            Object value = map.get("action");
            if (value instanceof Map<?, ?> m) {
                Object module = m.get("module");
                if (module == null) {
                    throw new PlaybookException(at, taskLabel(name) + "'action' as a mapping needs a 'module' key");
                }
                written = String.valueOf(module);
                m.forEach((k, v) -> {
                    if (!"module".equals(k)) {
                        args.put(String.valueOf(k), v);
                    }
                });
            } else {
                String text = String.valueOf(value).strip();
                int space = text.indexOf(' ');
                written = space < 0 ? text : text.substring(0, space);
                if (space > 0) {
                    args.putAll(KeyValueArgs.parse(AnsibleModules.resolve(written, collections),
                            text.substring(space + 1)));
                }
            }
        } else {
            if (actions.isEmpty()) {
                throw new PlaybookException(at, taskLabel(name) + "no module/action detected in task");
            }
            if (actions.size() > 1) {
                throw new PlaybookException(at, taskLabel(name) + "conflicting action statements: "
                        + String.join(", ", actions) + " (a task runs one module; is one of them misspelt or "
                        + "mis-indented?)");
            }
            written = actions.get(0);
            String action = AnsibleModules.resolve(written, collections);
            Object value = map.get(actions.get(0));
            if (value instanceof Map<?, ?> m) {
                m.forEach((k, v) -> args.put(String.valueOf(k), v));
            } else if (value instanceof String text) {
                args.putAll(KeyValueArgs.parse(action, text));
            } else if (value != null) {
                if (scalarArgument.contains(action)) {
                    args.put("_raw_params", String.valueOf(value));
                } else {
                    throw new PlaybookException(at, taskLabel(name) + "the arguments of '" + action
                            + "' must be a mapping or k=v text, not " + describe(value));
                }
            }
        }
        Object extra = map.get("args");
        if (extra instanceof Map<?, ?> m) {
            m.forEach((k, v) -> args.putIfAbsent(String.valueOf(k), v));
        } else if (extra != null) {
            throw new PlaybookException(at, taskLabel(name) + "'args' must be a mapping");
        }
        return new Task(name, at, AnsibleModules.resolve(written, collections), written, args,
                Keywords.options(map, at), role, collections);
    }

    private Block importTasks(Task task, String dir) {
        String file = string(task.args().getOrDefault("file", task.args().get("_raw_params")));
        if (file.isEmpty()) {
            throw new PlaybookException(task.location(), taskLabel(task.name()) + "import_tasks needs a file");
        }
        if (file.contains("{{")) {
            throw new PlaybookException(task.location(), taskLabel(task.name()) + "import_tasks is resolved before "
                    + "the play runs, so its file name cannot use variables here: use include_tasks");
        }
        String path = files.resolveTaskFile(file, task.role(), dir, task.location());
        List<Step> steps = steps(files.loadList(path), task.role(), SourceFiles.parent(path), new Location(path, 1),
                task.collections());
        return new Block(task.name(), task.location(), steps, List.of(), List.of(), task.options(), Optional.empty(),
                Block.Origin.IMPORT);
    }

    /**
     * The old {@code include:} (deprecated in 2.14, removed in 2.16): its k=v arguments besides the file are
     * vars of the included tasks (over the task's own). It is imported in place, as {@code import_tasks},
     * unless its file name is a template, it loops, or a dynamic include loaded it: then it stays a task
     * the engine runs as {@code include_tasks}.
     */
    private Step legacyInclude(Task task, String dir) {
        Map<String, Object> vars = new LinkedHashMap<>(task.options().vars());
        task.args().forEach((key, value) -> {
            if (!key.equals("_raw_params") && !key.equals("file")) {
                vars.put(key, value);
            }
        });
        String file = string(task.args().getOrDefault("file", task.args().get("_raw_params")));
        boolean dynamic = dynamicParents || Templar.isTemplate(file) || task.options().loop().isPresent();
        Task include = new Task(task.name(), task.location(), dynamic ? "include" : "import_tasks", task.written(),
                Map.of("_raw_params", file), task.options().withVars(vars), task.role(), task.collections());
        return dynamic ? include : importTasks(include, dir);
    }

    private Block importRole(Task task) {
        Map<String, Object> params = new LinkedHashMap<>(task.args());
        String name = string(params.remove("name"));
        if (name.isEmpty()) {
            throw new PlaybookException(task.location(), taskLabel(task.name()) + "import_role needs a name");
        }
        RoleEntryPoints from = RoleEntryPoints.of(params);
        List<Role> ignored = new ArrayList<>();
        if (!task.name().isEmpty()) {
            roles.findRole(name, task.location(), taskLabel(task.name()), task.collections());
        }
        Block role = roles.roleBlock(new RoleLoader.RoleRef(name, Map.of(), TaskOptions.NONE, task.location(), from,
                task.collections()), ignored, new LinkedHashSet<>());
        return new Block(task.name(), task.location(), List.of(role), List.of(), List.of(), task.options(),
                Optional.empty(), Block.Origin.IMPORT);
    }
}

package dev.playbake.playbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a playbook's YAML into the model, resolving what Ansible resolves statically: roles (with
 * their meta dependencies), {@code import_tasks}, {@code import_role} and {@code import_playbook}.
 * Every error names the file, the line and, where there is one, the task. Over 300 lines because plays, roles,
 * blocks and tasks are parsed by one recursive reader that shares the file stack and the role search path; splitting
 * it by node kind (a play reader, a role loader, a task reader) is the next cut, noted on the restructuring issue.
 */
public final class PlaybookParser {

    private static final Set<String> PLAY_KEYS = Set.of("name", "hosts", "vars", "vars_files", "vars_prompt",
            "gather_facts", "gather_subset", "gather_timeout", "pre_tasks", "roles", "tasks", "post_tasks", "handlers",
            "become", "become_user", "become_method", "become_flags", "environment", "tags", "connection",
            "remote_user", "serial", "strategy", "any_errors_fatal", "max_fail_percentage", "collections",
            "module_defaults", "force_handlers", "ignore_errors", "ignore_unreachable", "no_log", "order",
            "run_once", "check_mode", "diff", "debugger", "throttle", "timeout", "fact_path", "port");

    private static final Set<String> TASK_KEYS = Set.of("name", "action", "local_action", "args", "async", "poll",
            "become", "become_user", "become_method", "become_flags", "become_exe", "changed_when", "check_mode",
            "collections", "connection", "debugger", "delay", "delegate_facts", "delegate_to", "diff", "environment",
            "failed_when", "ignore_errors", "ignore_unreachable", "loop", "loop_control", "module_defaults", "no_log",
            "notify", "port", "register", "remote_user", "retries", "run_once", "tags", "throttle", "timeout",
            "until", "vars", "when", "listen", "any_errors_fatal", "block", "rescue", "always");

    /** Collections whose modules playbake implements under their short names. */
    private static final List<String> KNOWN_COLLECTIONS = List.of("ansible.builtin.", "ansible.legacy.",
            "ansible.posix.", "community.general.");

    /** The parser's own actions whose argument may be a bare scalar: the imports it resolves itself. */
    private static final Set<String> SCALAR_IMPORTS = Set.of("import_tasks", "import_role");

    private final String playbookFile;
    private final SourceFiles files;
    private final Set<String> scalarArgument;

    private PlaybookParser(String playbookFile, SourceFiles files, Set<String> scalarArgumentActions) {
        this.playbookFile = playbookFile;
        this.files = files;
        Set<String> scalar = new HashSet<>(SCALAR_IMPORTS);
        scalar.addAll(scalarArgumentActions);
        this.scalarArgument = Set.copyOf(scalar);
    }

    /**
     * Parses a playbook whose text is {@code content}; other files come from {@code files}.
     * {@code scalarArgumentActions} names the run-time actions (the engine's) whose argument may be a
     * bare scalar, a file or role name, kept as {@code _raw_params}: the parser does not know them itself.
     */
    public static Playbook parse(String playbookFile, String content, SourceFiles files,
                                 Set<String> scalarArgumentActions) {
        PlaybookParser parser = new PlaybookParser(playbookFile, files, scalarArgumentActions);
        return new Playbook(playbookFile, parser.plays(playbookFile, content, new LinkedHashSet<>()));
    }

    /**
     * Parses a playbook knowing only the parser's own actions (a bare scalar argument is an error for
     * any other): for tools and tests that only read a playbook; a build passes the engine's actions.
     */
    public static Playbook parse(String playbookFile, String content, SourceFiles files) {
        return parse(playbookFile, content, files, Set.of());
    }

    /** The short module name for an action ({@code ansible.builtin.copy} → {@code copy}). */
    public static String normalizeAction(String action) {
        for (String prefix : KNOWN_COLLECTIONS) {
            if (action.startsWith(prefix)) {
                return action.substring(prefix.length());
            }
        }
        return action;
    }

    /** A parser for the same playbook, for what Ansible loads while the play runs (include_tasks, include_role). */
    public static PlaybookParser forRuntime(String playbookFile, SourceFiles files, Set<String> scalarArgumentActions) {
        return new PlaybookParser(playbookFile, files, scalarArgumentActions);
    }

    /** The tasks of a file an {@code include_tasks} names, found as Ansible finds it. */
    public List<Step> includeTasks(String file, Optional<Role> role, String dir, Location at) {
        String path = resolveTaskFile(file, role, dir, at);
        return steps(loadList(path), role, SourceFiles.parent(path), new Location(path, 1));
    }

    /** A role loaded by {@code include_role}: a block of its tasks carrying the role. */
    public Block includeRole(String name, RoleEntryPoints from, Map<String, Object> params, Location at) {
        return roleBlock(new RoleRef(name, params, TaskOptions.NONE, at, from), new ArrayList<>(), new LinkedHashSet<>());
    }

    /** Loads a vars file (YAML mapping) by its path relative to the playbook. */
    public Map<String, Object> varsFile(String path, Location at) {
        String text = files.readText(path).orElseThrow(() -> new PlaybookException(at, "vars file " + path + " not found"));
        Object loaded = YamlLoader.load(path, text);
        return loaded == null ? Map.of() : vars(loaded, new Location(path, 1), "a vars file");
    }

    private List<Play> plays(String file, String content, Set<String> importing) {
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
                String path = resolveRelative(SourceFiles.parent(file), String.valueOf(target), map.location());
                String text = files.readText(path).orElseThrow(() -> new PlaybookException(map.location(),
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
                        + (TASK_KEYS.contains(key) || key.contains(".") ? " (is a task at the wrong level?)" : ""));
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
        List<Role> roles = new ArrayList<>();
        List<Step> tasks = new ArrayList<>();
        // a role named by a bare string has no place of its own: its list has, which is nearer than the play
        Location rolesAt = map.get("roles") instanceof LocatedList located ? located.location() : at;
        for (Object entry : list(map.get("roles"), at, "roles")) {
            tasks.add(roleBlock(roleRef(entry, rolesAt), roles, new LinkedHashSet<>()));
        }
        tasks.addAll(steps(map.get("tasks"), Optional.empty(), SourceFiles.parent(playbookFile), at));
        // the roles' handlers come first, as Ansible compiles them (and so runs them) before the play's
        List<Task> handlers = new ArrayList<>();
        roles.forEach(role -> handlers.addAll(role.handlers()));
        handlers.addAll(handlers(map.get("handlers"), Optional.empty(), SourceFiles.parent(playbookFile), at));
        List<List<String>> varsFiles = new ArrayList<>();
        for (Object file : list(map.get("vars_files"), at, "vars_files")) {
            if (file instanceof List<?> alternatives) {
                varsFiles.add(alternatives.stream().map(String::valueOf).toList());
            } else {
                varsFiles.add(List.of(String.valueOf(file)));
            }
        }
        return new Play(name, at, hostsPattern(map.get("hosts")), vars(map.get("vars"), at, "vars"), varsFiles,
                map.getOrDefault("gather_facts", true), options(map, at),
                steps(map.get("pre_tasks"), Optional.empty(), SourceFiles.parent(playbookFile), at), tasks,
                steps(map.get("post_tasks"), Optional.empty(), SourceFiles.parent(playbookFile), at), handlers, roles);
    }

    private static String hostsPattern(Object hosts) {
        if (hosts instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(hosts);
    }

    // --- tasks ---------------------------------------------------------------------------------

    private List<Step> steps(Object value, Optional<Role> role, String dir, Location parent) {
        List<Step> steps = new ArrayList<>();
        for (Object entry : list(value, parent, "a task list")) {
            LocatedMap map = requireMap(entry, parent, "a task");
            steps.add(step(map, role, dir));
        }
        return steps;
    }

    private Step step(LocatedMap map, Optional<Role> role, String dir) {
        Location at = map.location();
        String name = string(map.get("name"));
        if (map.containsKey("block")) {
            for (String key : map.keySet()) {
                if (!TASK_KEYS.contains(key)) {
                    throw new PlaybookException(at, taskLabel(name) + "'" + key + "' is not a valid attribute for a block");
                }
            }
            return new Block(name, at, steps(map.get("block"), role, dir, at), steps(map.get("rescue"), role, dir, at),
                    steps(map.get("always"), role, dir, at), options(map, at), Optional.empty());
        }
        if (map.containsKey("rescue") || map.containsKey("always")) {
            throw new PlaybookException(at, taskLabel(name) + "'rescue' and 'always' belong to a block");
        }
        Task task = task(map, role);
        return switch (task.action()) {
            case "import_tasks" -> importTasks(task, dir);
            case "import_role" -> importRole(task);
            case "import_playbook" -> throw new PlaybookException(at, "import_playbook can only be used at the playbook level");
            default -> task;
        };
    }

    private Task task(LocatedMap map, Optional<Role> role) {
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
                .filter(k -> !TASK_KEYS.contains(k) && !k.startsWith("with_")).toList();
        String action;
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
                action = normalizeAction(String.valueOf(module));
                m.forEach((k, v) -> {
                    if (!"module".equals(k)) {
                        args.put(String.valueOf(k), v);
                    }
                });
            } else {
                String text = String.valueOf(value).strip();
                int space = text.indexOf(' ');
                action = normalizeAction(space < 0 ? text : text.substring(0, space));
                if (space > 0) {
                    args.putAll(KeyValueArgs.parse(action, text.substring(space + 1)));
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
            action = normalizeAction(actions.get(0));
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
        return new Task(name, at, action, args, options(map, at), role);
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
        String path = resolveTaskFile(file, task.role(), dir, task.location());
        List<Step> steps = steps(loadList(path), task.role(), SourceFiles.parent(path), new Location(path, 1));
        return new Block(task.name(), task.location(), steps, List.of(), List.of(), task.options(), Optional.empty());
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
            findRole(name, task.location(), taskLabel(task.name()));
        }
        Block role = roleBlock(new RoleRef(name, Map.of(), TaskOptions.NONE, task.location(), from), ignored,
                new LinkedHashSet<>());
        return new Block(task.name(), task.location(), List.of(role), List.of(), List.of(), task.options(),
                Optional.empty());
    }

    private List<Task> handlers(Object value, Optional<Role> role, String dir, Location parent) {
        // Ansible looks for handlers in a block's tasks only, not in its rescue or always
        return TaskTree.tasks(steps(value, role, dir, parent), TaskTree.Sections.BLOCK_ONLY).toList();
    }

    // --- roles ---------------------------------------------------------------------------------

    /** A role as a play or a dependency names it. */
    private record RoleRef(String name, Map<String, Object> params, TaskOptions options, Location location,
                           RoleEntryPoints from) {
    }

    private RoleRef roleRef(Object entry, Location parent) {
        if (entry instanceof String name) {
            return new RoleRef(name, Map.of(), TaskOptions.NONE, parent, RoleEntryPoints.MAIN);
        }
        LocatedMap map = requireMap(entry, parent, "a role");
        Object name = map.containsKey("role") ? map.get("role") : map.get("name");
        if (name == null) {
            throw new PlaybookException(map.location(), "a role entry needs 'role' (or 'name')");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> keywords = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k.equals("role") || k.equals("name")) {
                return;
            }
            if (TASK_KEYS.contains(k)) {
                keywords.put(k, v);
            } else {
                params.put(k, v);
            }
        });
        if (keywords.get("vars") instanceof Map<?, ?> vars) {
            vars.forEach((k, v) -> params.put(String.valueOf(k), v));
            keywords.remove("vars");
        }
        LocatedMap keywordMap = new LocatedMap(map.location());
        keywordMap.putAll(keywords);
        return new RoleRef(String.valueOf(name), params, options(keywordMap, map.location()), map.location(), RoleEntryPoints.MAIN);
    }

    private Block roleBlock(RoleRef ref, List<Role> allRoles, Set<String> resolving) {
        String path = findRole(ref.name(), ref.location());
        if (!resolving.add(path)) {
            throw new PlaybookException(ref.location(), "role dependencies loop back to " + ref.name());
        }
        Role role = new Role(ref.name(), path, roleVars(path, "defaults", ref.from().defaults(), ref.location()),
                roleVars(path, "vars", ref.from().vars(), ref.location()), ref.params(), List.of());
        List<Step> steps = new ArrayList<>();
        for (Object dependency : roleDependencies(path)) {
            steps.add(roleBlock(roleRef(dependency, new Location(path + "/meta/main.yml", 1)), allRoles, resolving));
        }
        String tasksFile = firstExisting(path + "/tasks/" + ref.from().tasks(), ref.location(),
                "tasks file of role " + ref.name(), !ref.from().tasks().equals("main"));
        Optional<Role> self = Optional.of(role);
        if (tasksFile != null) {
            steps.addAll(steps(loadList(tasksFile), self, SourceFiles.parent(tasksFile), new Location(tasksFile, 1)));
        }
        String handlersFile = firstExisting(path + "/handlers/" + ref.from().handlers(), ref.location(),
                "handlers file of role " + ref.name(), !ref.from().handlers().equals("main"));
        List<Task> handlers = handlersFile == null ? List.of()
                : handlers(loadList(handlersFile), self, SourceFiles.parent(handlersFile), new Location(handlersFile, 1));
        Role complete = new Role(role.name(), role.path(), role.defaults(), role.vars(), role.params(), handlers);
        allRoles.add(complete);
        resolving.remove(path);
        return new Block(ref.name(), ref.location(), withRole(steps, complete, role), List.of(), List.of(),
                ref.options(), Optional.of(complete));
    }

    /** Points the role's own tasks at the complete role (with handlers) once it is loaded. */
    private static List<Step> withRole(List<Step> steps, Role complete, Role partial) {
        List<Step> result = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Task t) {
                result.add(t.role().filter(r -> r == partial).isPresent()
                        ? new Task(t.name(), t.location(), t.action(), t.args(), t.options(), Optional.of(complete)) : t);
            } else if (step instanceof Block b) {
                result.add(new Block(b.name(), b.location(), withRole(b.block(), complete, partial),
                        withRole(b.rescue(), complete, partial), withRole(b.always(), complete, partial), b.options(),
                        b.role()));
            }
        }
        return result;
    }

    private String findRole(String name, Location at) {
        return findRole(name, at, "");
    }

    /** The role's directory; else an error at {@code at}, its message starting with {@code label}. */
    private String findRole(String name, Location at, String label) {
        String base = SourceFiles.parent(playbookFile);
        for (String candidate : List.of(join(base, "roles/" + name), join(base, name))) {
            if (!files.under(candidate).isEmpty()) {
                return SourceFiles.normalize(candidate);
            }
        }
        throw new PlaybookException(at, label + "the role '" + name + "' was not found in roles/" + name
                + " next to the playbook (files given: " + files.paths().size() + ")");
    }

    private Map<String, Object> roleVars(String rolePath, String kind, String entryPoint, Location at) {
        String file = firstExisting(rolePath + "/" + kind + "/" + entryPoint, at, kind + " file of the role",
                !entryPoint.equals("main"));
        if (file == null) {
            return Map.of();
        }
        Object loaded = YamlLoader.load(file, files.readText(file).orElseThrow());
        return loaded == null ? Map.of() : vars(loaded, new Location(file, 1), kind);
    }

    private List<Object> roleDependencies(String rolePath) {
        String file = firstExisting(rolePath + "/meta/main", Location.UNKNOWN, "", false);
        if (file == null) {
            return List.of();
        }
        Object meta = YamlLoader.load(file, files.readText(file).orElseThrow());
        if (meta instanceof Map<?, ?> map && map.get("dependencies") instanceof List<?> deps) {
            return new ArrayList<>(deps);
        }
        return List.of();
    }

    /** {@code base.yml}, {@code base.yaml} or {@code base}, whichever exists; null when optional and absent. */
    private String firstExisting(String base, Location at, String what, boolean required) {
        for (String candidate : List.of(base + ".yml", base + ".yaml", base)) {
            if (files.exists(candidate)) {
                return SourceFiles.normalize(candidate);
            }
        }
        if (required) {
            throw new PlaybookException(at, "the " + what + " was not found: " + base + ".yml");
        }
        return null;
    }

    // --- files ---------------------------------------------------------------------------------

    /** Finds a task file the way Ansible does: the role's tasks/, the including file's dir, the playbook's dir. */
    public String resolveTaskFile(String file, Optional<Role> role, String dir, Location at) {
        List<String> candidates = new ArrayList<>();
        role.ifPresent(r -> candidates.add(r.path() + "/tasks/" + file));
        candidates.add(join(dir, file));
        candidates.add(join(SourceFiles.parent(playbookFile), file));
        for (String candidate : candidates) {
            if (files.exists(candidate)) {
                return SourceFiles.normalize(candidate);
            }
        }
        throw new PlaybookException(at, "the task file '" + file + "' was not found (looked in "
                + String.join(", ", candidates.stream().map(SourceFiles::normalize).distinct().toList()) + ")");
    }

    private String resolveRelative(String dir, String file, Location at) {
        String path = join(dir, file);
        if (!files.exists(path)) {
            throw new PlaybookException(at, file + " was not found");
        }
        return SourceFiles.normalize(path);
    }

    private Object loadList(String path) {
        Object loaded = YamlLoader.load(path, files.readText(path).orElseThrow());
        if (loaded == null) {
            return List.of();
        }
        if (!(loaded instanceof List<?>)) {
            throw new PlaybookException(new Location(path, 1), "a task file must be a list of tasks");
        }
        return loaded;
    }

    private static String join(String dir, String file) {
        if (file.startsWith("/")) {
            return file;
        }
        return dir.isEmpty() ? file : dir + "/" + file;
    }

    // --- keywords ------------------------------------------------------------------------------

    private static TaskOptions options(LocatedMap map, Location at) {
        String loopKind = "";
        Object loop = null;
        for (String key : map.keySet()) {
            if (key.equals("loop") || key.startsWith("with_")) {
                if (loop != null) {
                    throw new PlaybookException(at, "only one of loop / with_* may be used in a task: " + loopKind
                            + " and " + key);
                }
                loopKind = key;
                loop = map.get(key);
            }
        }
        Object loopControl = map.get("loop_control");
        if (loopControl != null && !(loopControl instanceof Map)) {
            throw new PlaybookException(at, "'loop_control' must be a mapping");
        }
        return new TaskOptions(
                conditions(map.get("when")),
                Optional.ofNullable(loop),
                loopKind,
                loopControl == null ? Map.of() : stringKeys((Map<?, ?>) loopControl),
                Optional.ofNullable(map.get("register")).map(String::valueOf),
                Optional.ofNullable(map.get("changed_when")),
                Optional.ofNullable(map.get("failed_when")),
                Optional.ofNullable(map.get("ignore_errors")),
                Optional.ofNullable(map.get("until")),
                Optional.ofNullable(map.get("retries")),
                Optional.ofNullable(map.get("delay")),
                strings(map.get("notify")),
                strings(map.get("listen")),
                strings(map.get("tags")),
                Optional.ofNullable(map.get("become")),
                Optional.ofNullable(map.get("become_user")),
                environment(map.get("environment"), at),
                vars(map.get("vars"), at, "vars"),
                Optional.ofNullable(map.get("no_log")),
                Optional.ofNullable(map.get("delegate_to")).map(String::valueOf),
                truthy(map.get("run_once")),
                Optional.ofNullable(map.get("check_mode")),
                truthy(map.get("any_errors_fatal")));
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value != null && Set.of("yes", "true", "on", "1")
                .contains(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    private static List<Object> conditions(Object when) {
        if (when == null) {
            return List.of();
        }
        if (when instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return List.of(when);
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String text = String.valueOf(value);
        return text.contains(",") && !text.contains("{{")
                ? java.util.Arrays.stream(text.split(",")).map(String::strip).toList() : List.of(text);
    }

    /** {@code environment}: a mapping, a list of them, or a template of one, kept to be rendered per task. */
    private static Map<String, Object> environment(Object value, Location at) {
        if (value instanceof String template) {
            return Map.of(TaskOptions.TEMPLATED_ENVIRONMENT, template);
        }
        return vars(value, at, "environment");
    }

    private static Map<String, Object> vars(Object value, Location at, String what) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        if (value instanceof List<?> list) {  // a list of mappings, as Ansible also accepts
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map)) {
                    throw new PlaybookException(at, "'" + what + "' must be a mapping");
                }
                merged.putAll(stringKeys(map));
            }
            return merged;
        }
        throw new PlaybookException(at, "'" + what + "' must be a mapping, not " + describe(value));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static List<?> list(Object value, Location at, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new PlaybookException(at, what + " must be a list, not " + describe(value));
        }
        return list;
    }

    private static LocatedMap requireMap(Object value, Location parent, String what) {
        if (value instanceof LocatedMap map) {
            return map;
        }
        throw new PlaybookException(parent, what + " must be a mapping, not " + describe(value)
                + (value instanceof String s ? " ('" + s + "')" : ""));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "empty";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return value instanceof String ? "a string" : "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String string(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String taskLabel(String name) {
        return name.isEmpty() ? "" : "task '" + name + "': ";
    }
}

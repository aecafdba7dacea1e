package dev.playbake.playbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a playbook's YAML into the model, resolving what Ansible resolves statically: roles (with
 * their meta dependencies), {@code import_tasks}, {@code import_role} and {@code import_playbook}.
 * Every error names the file, the line and, where there is one, the task.
 */
public final class PlaybookParser {

    /** Collections whose modules playbake implements under their short names. */
    private static final List<String> KNOWN_COLLECTIONS = List.of("ansible.builtin.", "ansible.legacy.",
            "ansible.posix.", "community.general.", "community.crypto.");

    private final IncludedFiles files;
    private final TaskReader reader;
    private final PlayReader plays;

    private PlaybookParser(String playbookFile, SourceFiles files, Set<String> scalarArgumentActions,
                           boolean runtime) {
        this.files = new IncludedFiles(playbookFile, files);
        this.reader = new TaskReader(this.files, scalarArgumentActions, runtime);
        this.plays = new PlayReader(this.files, reader);
    }

    /**
     * Parses a playbook whose text is {@code content}; other files come from {@code files}.
     * {@code scalarArgumentActions} names the run-time actions (the engine's) whose argument may be a
     * bare scalar, a file or role name, kept as {@code _raw_params}: the parser does not know them itself.
     */
    public static Playbook parse(String playbookFile, String content, SourceFiles files,
                                 Set<String> scalarArgumentActions) {
        PlaybookParser parser = new PlaybookParser(playbookFile, files, scalarArgumentActions, false);
        return new Playbook(playbookFile, parser.plays.plays(playbookFile, content, new LinkedHashSet<>()));
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
        return new PlaybookParser(playbookFile, files, scalarArgumentActions, true);
    }

    /**
     * The tasks of a file an {@code include_tasks} names, found as Ansible finds it; they search the including
     * task's {@code collections}.
     */
    public List<Step> includeTasks(String file, Optional<Role> role, String dir, Location at,
                                   List<String> collections) {
        String path = files.resolveTaskFile(file, role, dir, at);
        return reader.steps(files.loadList(path), role, SourceFiles.parent(path), new Location(path, 1), collections);
    }

    /**
     * A role loaded by {@code include_role}: a block of its tasks carrying the role; a short name is searched in
     * the including task's {@code collections} first.
     */
    public Block includeRole(String name, RoleEntryPoints from, Map<String, Object> params, Location at,
                             List<String> collections) {
        return reader.roles().roleBlock(new RoleLoader.RoleRef(name, params, TaskOptions.NONE, at, from, collections),
                new ArrayList<>(), new LinkedHashSet<>());
    }

    /** Loads a vars file (YAML mapping) by its path relative to the playbook. */
    public Map<String, Object> varsFile(String path, Location at) {
        String text = files.sources().readText(path)
                .orElseThrow(() -> new PlaybookException(at, "vars file " + path + " not found"));
        Object loaded = YamlLoader.load(path, text);
        return loaded == null ? Map.of() : Nodes.vars(loaded, new Location(path, 1), "a vars file");
    }

    /** Finds a task file the way Ansible does: the role's tasks/, the including file's dir, the playbook's dir. */
    public String resolveTaskFile(String file, Optional<Role> role, String dir, Location at) {
        return files.resolveTaskFile(file, role, dir, at);
    }
}

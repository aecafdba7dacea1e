package dev.playbake.playbook;

import static dev.playbake.playbook.Nodes.requireMap;
import static dev.playbake.playbook.Nodes.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Loads a role: its directory under roles/, meta dependencies, defaults, vars, tasks and handlers. */
final class RoleLoader {

    /**
     * A role as a play or a dependency names it; {@code collections} is where a short name is searched before
     * roles/ (the play's, the including task's or the depending role's search list).
     */
    record RoleRef(String name, Map<String, Object> params, TaskOptions options, Location location,
                   RoleEntryPoints from, List<String> collections) {
    }

    /** Where a role was found: its directory and, for a collection's role, the collection. */
    record FoundRole(String path, Optional<String> collection) {
    }

    private final IncludedFiles files;
    private final TaskReader tasks;

    RoleLoader(IncludedFiles files, TaskReader tasks) {
        this.files = files;
        this.tasks = tasks;
    }

    RoleRef roleRef(Object entry, Location parent, List<String> collections) {
        if (entry instanceof String name) {
            return new RoleRef(name, Map.of(), TaskOptions.NONE, parent, RoleEntryPoints.MAIN, collections);
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
            if (Keywords.TASK_KEYS.contains(k)) {
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
        return new RoleRef(String.valueOf(name), params, Keywords.options(keywordMap, map.location()), map.location(),
                RoleEntryPoints.MAIN, collections);
    }

    /**
     * The role's tasks, its dependencies' first, as a block carrying the role; each role loaded is added to
     * {@code allRoles}, and {@code resolving} holds the roles being loaded, to catch a dependency loop.
     */
    Block roleBlock(RoleRef ref, List<Role> allRoles, Set<String> resolving) {
        return roleBlock(ref, allRoles, resolving, Optional.empty());
    }

    /**
     * A role of a play's {@code roles:} (with its dependencies), loaded once per play as Ansible's role cache
     * does: a role the play has already loaded with the same name, parameters, {@code when}, {@code tags} and
     * entry points is the same role, which Ansible does not run again (nothing is reported for it) unless its
     * {@code meta/main.yml} sets {@code allow_duplicates}; {@code loaded} is the play's cache.
     */
    Block playRoleBlock(RoleRef ref, List<Role> allRoles, Map<List<Object>, Role> loaded) {
        return roleBlock(ref, allRoles, new LinkedHashSet<>(), Optional.of(loaded));
    }

    private Block roleBlock(RoleRef ref, List<Role> allRoles, Set<String> resolving,
                            Optional<Map<List<Object>, Role>> loaded) {
        FoundRole found = findRole(ref.name(), ref.location(), "", ref.collections());
        String path = found.path();
        List<Object> key = List.of(ref.name(), ref.params(), ref.options().when(), ref.options().tags(), ref.from());
        Optional<Role> earlier = loaded.map(cache -> cache.get(key)).filter(r -> !allowsDuplicates(path));
        if (earlier.isPresent()) {
            return new Block(ref.name(), ref.location(), List.of(), List.of(), List.of(), ref.options(), earlier,
                    Block.Origin.ROLE);
        }
        if (!resolving.add(path)) {
            throw new PlaybookException(ref.location(), "role dependencies loop back to " + ref.name());
        }
        // Ansible names a collection's role by its full name wherever it was found: acme.web.site
        String name = found.collection().map(c -> c + "." + ref.name().substring(ref.name().lastIndexOf('.') + 1))
                .orElse(ref.name());
        Location metaAt = new Location(path + "/meta/main.yml", 1);
        Role role = new Role(name, path, roleVars(path, "defaults", ref.from().defaults(), ref.location()),
                roleVars(path, "vars", ref.from().vars(), ref.location()), ref.params(), List.of(), found.collection(),
                CollectionSearch.forRole(found.collection(), meta(path).get("collections"), metaAt));
        List<Step> steps = new ArrayList<>();
        for (Object dependency : roleDependencies(path)) {
            steps.add(roleBlock(roleRef(dependency, metaAt, CollectionSearch.forDependencies(role)), allRoles,
                    resolving, loaded));
        }
        Optional<String> tasksFile = files.firstExisting(path + "/tasks/" + ref.from().tasks(), ref.location(),
                "tasks file of role " + ref.name(), !ref.from().tasks().equals("main"));
        Optional<Role> self = Optional.of(role);
        RoleArgumentSpecs.validationTask(files, role, ref.from().tasks()).ifPresent(steps::add);
        tasksFile.ifPresent(file -> steps.addAll(
                tasks.steps(files.loadList(file), self, SourceFiles.parent(file), new Location(file, 1),
                        role.collections())));
        Optional<String> handlersFile = files.firstExisting(path + "/handlers/" + ref.from().handlers(),
                ref.location(), "handlers file of role " + ref.name(), !ref.from().handlers().equals("main"));
        List<Task> handlers = handlersFile.map(file -> tasks.handlers(files.loadList(file), self,
                SourceFiles.parent(file), new Location(file, 1), role.collections())).orElse(List.of());
        Role complete = new Role(role.name(), role.path(), role.defaults(), role.vars(), role.params(), handlers,
                role.collection(), role.collections());
        allRoles.add(complete);
        loaded.ifPresent(cache -> cache.put(key, complete));
        resolving.remove(path);
        return new Block(ref.name(), ref.location(), withRole(steps, complete, role), List.of(), List.of(),
                ref.options(), Optional.of(complete), Block.Origin.ROLE);
    }

    /** Points the role's own tasks at the complete role (with handlers) once it is loaded. */
    private static List<Step> withRole(List<Step> steps, Role complete, Role partial) {
        List<Step> result = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Task t) {
                result.add(t.role().filter(r -> r == partial).isPresent()
                        ? new Task(t.name(), t.location(), t.action(), t.written(), t.args(), t.options(),
                                Optional.of(complete), t.collections()) : t);
            } else if (step instanceof Block b) {
                result.add(new Block(b.name(), b.location(), withRole(b.block(), complete, partial),
                        withRole(b.rescue(), complete, partial), withRole(b.always(), complete, partial), b.options(),
                        b.role(), b.origin()));
            }
        }
        return result;
    }

    /**
     * The role's directory, as Ansible's RoleDefinition finds it: a full name {@code namespace.collection.role}
     * in that collection, a short one in each collection of the search list, then roles/ and the playbook's
     * directory; else an error at {@code at}, its message starting with {@code label}.
     */
    FoundRole findRole(String name, Location at, String label, List<String> collections) {
        String base = files.playbookDir();
        SourceFiles sources = files.sources();
        List<CollectionRole> inCollections = collectionRoles(name, collections);
        for (CollectionRole candidate : inCollections) {
            if (!sources.under(IncludedFiles.join(base, candidate.path())).isEmpty()) {
                return new FoundRole(SourceFiles.normalize(IncludedFiles.join(base, candidate.path())),
                        Optional.of(candidate.collection()));
            }
        }
        for (String candidate : List.of(IncludedFiles.join(base, "roles/" + name), IncludedFiles.join(base, name))) {
            if (!sources.under(candidate).isEmpty()) {
                return new FoundRole(SourceFiles.normalize(candidate), Optional.empty());
            }
        }
        StringBuilder searched = new StringBuilder();
        inCollections.forEach(candidate -> searched.append(candidate.path()).append(" or "));
        throw new PlaybookException(at, label + "the role '" + name + "' was not found in " + searched + "roles/"
                + name + " next to the playbook (files given: " + sources.paths().size() + ")");
    }

    /** A role's place in a collection installed next to the playbook. */
    private record CollectionRole(String collection, String path) {
    }

    /**
     * Where a role may live in the collections installed next to the playbook ({@code ansible-galaxy collection
     * install -p collections}, one of the places Ansible looks by default): a {@code namespace.collection.role}
     * in its collection only, a short name in each listed collection but Ansible's own.
     */
    private static List<CollectionRole> collectionRoles(String name, List<String> collections) {
        String[] parts = name.split("\\.");
        if (Stream.of(parts).anyMatch(part -> !part.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
            return List.of();
        }
        if (parts.length == 3) {
            return List.of(collectionRole(parts[0] + "." + parts[1], parts[2]));
        }
        if (parts.length != 1) {
            return List.of();
        }
        return collections.stream().filter(c -> !CollectionSearch.isAnsibles(c) && c.split("\\.").length == 2)
                .map(c -> collectionRole(c, name)).toList();
    }

    private static CollectionRole collectionRole(String collection, String role) {
        return new CollectionRole(collection,
                "collections/ansible_collections/" + collection.replace('.', '/') + "/roles/" + role);
    }

    private Map<String, Object> roleVars(String rolePath, String kind, String entryPoint, Location at) {
        return files.firstExisting(rolePath + "/" + kind + "/" + entryPoint, at, kind + " file of the role",
                        !entryPoint.equals("main"))
                .flatMap(file -> files.load(file).map(loaded -> vars(loaded, new Location(file, 1), kind)))
                .orElse(Map.of());
    }

    private List<Object> roleDependencies(String rolePath) {
        if (meta(rolePath).get("dependencies") instanceof List<?> deps) {
            return new ArrayList<>(deps);
        }
        return List.of();
    }

    private boolean allowsDuplicates(String rolePath) {
        Object allow = meta(rolePath).get("allow_duplicates");
        return Boolean.TRUE.equals(allow) || List.of("yes", "true", "on").contains(String.valueOf(allow).toLowerCase());
    }

    /** The role's {@code meta/main.yml}, empty when it has none. */
    private Map<?, ?> meta(String rolePath) {
        Optional<Object> meta = files.firstExisting(rolePath + "/meta/main", Location.UNKNOWN, "", false)
                .flatMap(files::load);
        return meta.filter(Map.class::isInstance).map(m -> (Map<?, ?>) m).orElse(Map.of());
    }
}

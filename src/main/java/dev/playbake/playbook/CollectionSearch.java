package dev.playbake.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code collections:} keyword of plays, blocks, tasks and role metadata: the ordered list of collections
 * Ansible 2.14 searches for a short module, action or role name. An empty list is Ansible's default search.
 */
final class CollectionSearch {

    private static final String LEGACY = "ansible.legacy";
    private static final String BUILTIN = "ansible.builtin";

    private CollectionSearch() {
    }

    /**
     * The list a {@code collections:} keyword gives, with {@code ansible.legacy} appended as ansible-core's
     * {@code _ensure_default_collection} appends it; empty when the keyword is absent, so the parent's applies.
     */
    static Optional<List<String>> keyword(Object value, Location at, String where) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> names = names(value, at, where);
        return Optional.of(withFallback(names, LEGACY));
    }

    /**
     * A role's own search list, which its tasks use whatever the play lists (roles do not inherit it): the
     * role's collection first when it lives in one, then its {@code meta/main.yml} {@code collections}, then
     * {@code ansible.builtin} for a collection's role or {@code ansible.legacy} for another, as ansible-core's
     * {@code Role._load_role_data} builds it.
     */
    static List<String> forRole(Optional<String> collection, Object metaCollections, Location at) {
        List<String> search = new ArrayList<>();
        collection.ifPresent(search::add);
        if (metaCollections != null) {
            names(metaCollections, at, "a role's meta collections").stream()
                    .filter(name -> !search.contains(name)).forEach(search::add);
        }
        return withFallback(search, collection.isPresent() ? BUILTIN : LEGACY);
    }

    /** Where a role's {@code dependencies} are looked up: its search list, its own collection first, then the rest. */
    static List<String> forDependencies(Role owner) {
        List<String> search = new ArrayList<>(owner.collections());
        owner.collection().ifPresent(own -> {
            search.remove(own);
            search.add(0, own);
        });
        if (!search.contains(LEGACY)) {
            search.add(LEGACY);
        }
        return List.copyOf(search);
    }

    /** Whether a listed name is Ansible's own, which holds its built-in modules and the redirects of 2.14. */
    static boolean isAnsibles(String collection) {
        return collection.equals(LEGACY) || collection.equals(BUILTIN);
    }

    private static List<String> withFallback(List<String> names, String fallback) {
        List<String> search = new ArrayList<>(names);
        if (!search.isEmpty() && search.stream().noneMatch(CollectionSearch::isAnsibles)) {
            search.add(fallback);
        }
        return List.copyOf(search);
    }

    private static List<String> names(Object value, Location at, String where) {
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        List<String> names = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String name)) {
                throw new PlaybookException(at, "'collections' of " + where + " must list collection names"
                        + " (namespace.name), not " + Nodes.describe(item));
            }
            names.add(name);
        }
        return names;
    }
}

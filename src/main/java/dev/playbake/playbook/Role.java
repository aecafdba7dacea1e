package dev.playbake.playbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A role as loaded from {@code roles/NAME}: its path, its defaults and vars, its handlers.
 *
 * @param name     the role's name
 * @param path     its directory relative to the playbook's directory ({@code roles/web})
 * @param defaults {@code defaults/main.yml}
 * @param vars     {@code vars/main.yml}
 * @param params   parameters given where the role is used ({@code roles: [{role: web, port: 80}]})
 * @param handlers {@code handlers/main.yml}
 * @param collection the collection the role lives in, when it is a collection's role
 * @param collections the collections its tasks search for short names (its own first, then its meta's)
 */
public record Role(String name, String path, Map<String, Object> defaults, Map<String, Object> vars,
                   Map<String, Object> params, List<Task> handlers, Optional<String> collection,
                   List<String> collections) {

    /** The role's name without its collection, Ansible's {@code role_name}. */
    public String shortName() {
        return collection.map(c -> name.substring(c.length() + 1)).orElse(name);
    }
}

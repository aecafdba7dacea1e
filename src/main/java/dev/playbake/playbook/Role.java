package dev.playbake.playbook;

import java.util.List;
import java.util.Map;

/**
 * A role as loaded from {@code roles/NAME}: its path, its defaults and vars, its handlers.
 *
 * @param name     the role's name
 * @param path     its directory relative to the playbook's directory ({@code roles/web})
 * @param defaults {@code defaults/main.yml}
 * @param vars     {@code vars/main.yml}
 * @param params   parameters given where the role is used ({@code roles: [{role: web, port: 80}]})
 * @param handlers {@code handlers/main.yml}
 */
public record Role(String name, String path, Map<String, Object> defaults, Map<String, Object> vars,
                   Map<String, Object> params, List<Task> handlers) {
}

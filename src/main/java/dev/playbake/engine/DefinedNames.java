package dev.playbake.engine;

import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.playbook.YamlLoader;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every name a playbook could define a variable by, gathered generously: every mapping key of every YAML file
 * of the build (vars, defaults, vars files, set_fact, role and include params, whatever a file included at run
 * time holds), every {@code register}, {@code loop_var}, {@code index_var} and {@code include_vars} {@code name},
 * every {@code key=} of free-form text, the extra vars, facts and the names Ansible computes. A name outside all of
 * them is defined nowhere; one inside may still be undefined when it is used, which the run finds.
 */
final class DefinedNames {

    private static final Set<String> MAGIC = Set.of("inventory_hostname", "inventory_hostname_short", "groups",
            "group_names", "hostvars", "vars", "play_hosts", "playbook_dir", "inventory_dir", "inventory_file",
            "role_name", "role_names", "role_path", "omit", "item", "environment", "lookup", "query", "q", "range",
            "dict", "lipsum", "cycler", "joiner", "namespace", "now", "undef");
    /** Facts are injected as {@code ansible_*}; the other prefixes are setup's names for other fact sources. */
    private static final List<String> PREFIXES = List.of("ansible_", "facter_", "ohai_");
    private static final Set<String> NAMING_KEYS = Set.of("register", "loop_var", "index_var", "name");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=");
    /** A name tested for being defined, or given a default: meant to be optional. */
    private static final Pattern GUARD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\s+is\\s+(?:not\\s+)?"
            + "(?:defined|undefined|none)\\b|\\s*\\|\\s*(?:default|d)\\b)");
    private static final Pattern ANY_KEY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*[:=]");

    private final Set<String> names = new HashSet<>();
    private final Set<String> variables = new TreeSet<>();
    private final Set<String> guarded = new HashSet<>();

    private DefinedNames() {
    }

    /** The names of these files, the playbook's own text and the extra vars. */
    static DefinedNames of(SourceFiles files, String playbookFile, String playbookText, Collection<String> extraVars) {
        DefinedNames defined = new DefinedNames();
        defined.variables.addAll(extraVars);
        defined.names.addAll(extraVars);
        defined.read(playbookFile, playbookText);
        for (String path : files.paths()) {
            if (path.endsWith(".yml") || path.endsWith(".yaml") || path.endsWith(".json")
                    || (path.contains("vars/") || path.contains("defaults/")) && !path.contains(".")) {
                defined.read(path, new String(files.read(path).orElseThrow(), StandardCharsets.UTF_8));
            }
        }
        return defined;
    }

    private void read(String path, String text) {
        try {
            walk(YamlLoader.loadAll(path, text), "", 0);
        } catch (PlaybookException | IllegalArgumentException e) {
            // not YAML (a template named .yml, say): every word before a colon or an equals sign may be a name
            matches(ANY_KEY, text, names);
            matches(ANY_KEY, text, variables);
        }
    }

    /** Whether a variable of this name may exist. */
    boolean mayDefine(String name) {
        return names.contains(name) || MAGIC.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Whether the playbook tests somewhere whether the name is defined, or gives it a default. */
    boolean guarded(String name) {
        return guarded.contains(name);
    }

    /** The variable a misspelt name was meant to be, if one is close. */
    Optional<String> closest(String name) {
        return Misspelling.closest(name, variables);
    }

    /** @param node a file's documents (a list, at depth 0) or a node inside them */
    private void walk(Object node, String parentKey, int depth) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                names.add(name);
                // a file's top-level keys (vars files, defaults) and what vars or set_fact give are variables
                if (depth <= 1 || parentKey.equals("vars") || parentKey.endsWith("set_fact")) {
                    variables.add(name);
                }
                if (NAMING_KEYS.contains(name) && value instanceof String text && text.matches("\\w+")) {
                    names.add(text);
                    if (!name.equals("name")) {
                        variables.add(text);
                    }
                }
                walk(value, name, depth + 1);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> walk(item, parentKey, depth + 1));
        } else if (node instanceof String text) {
            matches(KEY_VALUE, text, names);
            matches(GUARD, text, guarded);
        }
    }

    /** Adds the first group of every match of the pattern in the text. */
    private static void matches(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }
}

package dev.playbake.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's inline {@code k=v} argument syntax ({@code copy: src=a dest=/b mode=0644}), with quoting
 * and with the free-form text of modules such as {@code command} kept in {@code _raw_params}.
 */
public final class KeyValueArgs {

    /** Modules whose arguments are a free-form command line, and the k=v options they still accept. */
    private static final Map<String, Set<String>> FREE_FORM = Map.ofEntries(
            Map.entry("command", Set.of("chdir", "creates", "removes", "executable", "stdin", "stdin_add_newline",
                    "strip_empty_ends", "argv", "expand_argument_vars")),
            Map.entry("shell", Set.of("chdir", "creates", "removes", "executable", "stdin", "stdin_add_newline",
                    "strip_empty_ends")),
            Map.entry("raw", Set.of("executable")),
            Map.entry("script", Set.of("chdir", "creates", "removes", "executable")),
            Map.entry("include_tasks", Set.of("file", "apply")),
            Map.entry("import_tasks", Set.of("file")),
            Map.entry("include_vars", Set.of("file", "dir", "name", "depth", "files_matching", "ignore_files",
                    "extensions", "ignore_unknown_extensions", "hash_behaviour")),
            Map.entry("meta", Set.of()),
            Map.entry("include_role", Set.of("name", "tasks_from", "vars_from", "defaults_from", "handlers_from",
                    "public", "apply", "allow_duplicates", "rolespec_validate")),
            Map.entry("import_role", Set.of("name", "tasks_from", "vars_from", "defaults_from", "handlers_from",
                    "public", "allow_duplicates", "rolespec_validate")),
            Map.entry("add_host", Set.of()),
            Map.entry("group_by", Set.of("key", "parents")));

    private KeyValueArgs() {
    }

    /** Parses a module's inline arguments. */
    public static Map<String, Object> parse(String module, String text) {
        Set<String> freeFormOptions = FREE_FORM.get(module);
        Map<String, Object> args = new LinkedHashMap<>();
        List<String> raw = new ArrayList<>();
        for (String token : split(text)) {
            // as parse_kv: an option's value is decoded, free-form words are kept as written
            String decoded = ArgumentEscapes.decode(token);
            int eq = decoded.indexOf('=');
            String key = eq > 0 ? decoded.substring(0, eq) : "";
            boolean isOption = eq > 0 && key.matches("[A-Za-z_][A-Za-z0-9_]*")
                    && (freeFormOptions == null || freeFormOptions.contains(key));
            if (isOption) {
                args.put(key, unquote(decoded.substring(eq + 1).strip()));
            } else {
                raw.add(token);
            }
        }
        if (!raw.isEmpty()) {
            args.put("_raw_params", join(raw).stripTrailing());
        }
        return args;
    }

    /** Ansible's join_args: words joined by one space, but a word that ended a line keeps its newline. */
    private static String join(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    /**
     * Splits on whitespace outside quotes and outside {@code {{ }}} / {@code {% %}}, keeping quotes;
     * a word that ends a line keeps the newline, as Ansible's split_args does, so multi-line shell
     * scripts survive.
     */
    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int jinjaDepth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && jinjaDepth == 0 && Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                int last = tokens.size() - 1;
                if (c == '\n' && last >= 0 && !tokens.get(last).endsWith("\n")) {
                    tokens.set(last, tokens.get(last) + "\n");
                }
                continue;
            }
            current.append(c);
            if (c == '\\' && i + 1 < text.length() && quote != 0) {
                current.append(text.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '{' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '%')) {
                jinjaDepth++;
                current.append(text.charAt(++i));
            } else if ((c == '}' || c == '%') && jinjaDepth > 0 && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                jinjaDepth--;
                current.append(text.charAt(++i));
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** Ansible's unquote: the same quote at both ends goes, unless the last one follows a backslash. */
    static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first
                    && value.charAt(value.length() - 2) != '\\') {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}

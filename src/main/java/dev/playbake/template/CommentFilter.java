package dev.playbake.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's {@code comment} filter: a style ({@code plain}, {@code erlang}, {@code c}, {@code cblock},
 * {@code xml}) and its options ({@code decoration}, {@code prefix}, {@code prefix_count}, {@code postfix},
 * {@code postfix_count}, {@code beginning}, {@code end}, {@code newline}), composed as ansible-core 2.14 does.
 */
final class CommentFilter {

    private static final Map<String, Map<String, Object>> STYLES = Map.of(
            "plain", Map.of("decoration", "# "),
            "erlang", Map.of("decoration", "% "),
            "c", Map.of("decoration", "// "),
            "cblock", Map.of("beginning", "/*", "decoration", " * ", "end", " */"),
            "xml", Map.of("beginning", "<!--", "decoration", " - ", "end", "-->"));

    private CommentFilter() {
    }

    static String comment(String text, String style, Map<String, Object> options) {
        Map<String, Object> styleParams = STYLES.get(style);
        if (styleParams == null) {
            throw new TemplateException("comment: unknown style '" + style + "' (plain, erlang, c, cblock, xml)");
        }
        // the prefix and postfix lines are the decoration without its trailing space, unless given
        String around = String.valueOf(options.getOrDefault("decoration", styleParams.get("decoration"))).stripTrailing();
        Map<String, Object> p = new LinkedHashMap<>(Map.of("newline", "\n", "beginning", "", "prefix", around,
                "prefix_count", 1, "decoration", "", "postfix", around, "postfix_count", 1, "end", ""));
        p.putAll(styleParams);
        p.putAll(options);
        String newline = String.valueOf(p.get("newline"));
        String decoration = String.valueOf(p.get("decoration"));
        String prefix = String.valueOf(p.get("prefix"));
        String beginning = String.valueOf(p.get("beginning"));
        String end = String.valueOf(p.get("end"));
        StringBuilder out = new StringBuilder();
        if (!beginning.isEmpty()) {
            out.append(beginning).append(newline);
        }
        if (!prefix.isEmpty()) {
            out.append((prefix.equals(newline) ? newline : prefix + newline).repeat(count(p.get("prefix_count"))));
        }
        out.append((decoration + text.replace(newline, newline + decoration))
                .replace(decoration + newline, decoration.stripTrailing() + newline));
        for (int i = 0; i < count(p.get("postfix_count")); i++) {
            out.append(newline).append(p.get("postfix"));
        }
        if (!end.isEmpty()) {
            out.append(newline).append(end);
        }
        return out.toString();
    }

    private static int count(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).strip());
    }
}

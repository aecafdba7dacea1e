package dev.playbake.template;

import com.hubspot.jinjava.lib.filter.Filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.playbake.template.FilterValues.arg;
import static dev.playbake.template.FilterValues.bool;
import static dev.playbake.template.FilterValues.str;

/** Jinja2 3.1's built-in string filters where jinjava's follow Jinja2 2.x or Java: indent, … */
final class JinjaStringFilters {

    private JinjaStringFilters() {
    }

    /** The filters of this group, for the template environment. */
    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("indent", (v, a, k) -> indent(str(v), keywords("indent", k, "width", "first", "blank")
                        .getOrDefault("width", arg(a, 0, 4)), bool(arg(a, 1, k.getOrDefault("first", false))),
                        bool(arg(a, 2, k.getOrDefault("blank", false))))));
    }

    /** Python refuses a keyword the function does not declare, as Jinja2 3 does {@code indentfirst}. */
    static Map<String, Object> keywords(String filter, Map<String, Object> kwargs, String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : kwargs.keySet()) {
            if (!allowed.contains(name)) {
                throw new TemplateException("do_" + filter + "() got an unexpected keyword argument '" + name + "'");
            }
        }
        return kwargs;
    }

    /** Jinja2 3's indent: a width or a string, blank lines and the first line left alone unless asked. */
    private static String indent(String text, Object width, boolean first, boolean blank) {
        String indention = width instanceof String s ? s : " ".repeat(FilterValues.intArg(width, 4));
        List<String> lines = splitlines(text + "\n");
        StringBuilder out = new StringBuilder(lines.isEmpty() ? "" : lines.get(0));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            out.append('\n').append(blank || !line.isEmpty() ? indention + line : line);
        }
        return first ? indention + out : out.toString();
    }

    /** Python's str.splitlines: every Unicode line boundary, no trailing empty line. */
    static List<String> splitlines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}

package dev.playbake.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's loop filter, {@code {% for x in seq if cond %}}: only the items that pass take part, so
 * {@code loop.index}, {@code loop.length}, {@code loop.last} and the {@code else} part count those alone.
 * jinjava has no such syntax, so the loop is rewritten to collect the passing items first and loop over
 * them: {@code {% set f = [] %}{% for x in seq %}{% if cond %}{% do f.append(x) %}{% endif %}{% endfor %}
 * {% for x in f %}}, all on the tag's own line so that no text or line break is added. jinjava has no
 * recursive loops either: those are refused here with a message rather than jinjava's parse error.
 */
final class LoopFilters {

    private static final Pattern FOR = Pattern.compile("\\{%(-?)\\s*for\\s+(.+?)\\s+in\\s+(.*?)\\s*(-?)%}",
            Pattern.DOTALL);
    private static final Pattern RAW = Pattern.compile("\\{%-?\\s*raw\\s*-?%}.*?\\{%-?\\s*endraw\\s*-?%}",
            Pattern.DOTALL);
    private static final Pattern RECURSIVE = Pattern.compile("\\srecursive\\s*$");
    private static final String PREFIX = "__playbake_loop_filter_";

    private LoopFilters() {
    }

    static String rewrite(String template) {
        if (!template.contains("for")) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 64);
        Matcher tag = FOR.matcher(template);
        int copied = 0;
        int loops = 0;
        while (tag.find()) {
            if (insideRaw(template, tag.start())) {
                continue;
            }
            String header = tag.group(3);
            if (RECURSIVE.matcher(header).find()) {
                throw new TemplateException("recursive loops ({% for ... recursive %}, loop(...)) are not supported;"
                        + " write one nested loop per level");
            }
            int condition = topLevelIf(header);
            if (condition < 0) {
                continue;
            }
            String targets = tag.group(2).strip();
            String sequence = header.substring(0, condition).strip();
            String test = header.substring(condition + 3).strip();
            String list = PREFIX + loops++;
            String item = targets.contains(",") ? "[" + targets.replaceAll("^\\(|\\)$", "") + "]" : targets;
            out.append(template, copied, tag.start())
                    .append("{%").append(tag.group(1)).append(" set ").append(list).append(" = [] %}")
                    .append("{% for ").append(targets).append(" in ").append(sequence).append(" %}")
                    .append("{% if ").append(test).append(" %}{% do ").append(list).append(".append(").append(item)
                    .append(") %}{% endif %}{% endfor %}")
                    .append("{% for ").append(targets).append(" in ").append(list).append(' ')
                    .append(tag.group(4)).append("%}");
            copied = tag.end();
        }
        return loops == 0 ? template : out.append(template, copied, template.length()).toString();
    }

    /** A {@code {% for %}} inside {@code {% raw %}} is text. */
    private static boolean insideRaw(String template, int at) {
        Matcher raw = RAW.matcher(template);
        while (raw.find() && raw.start() < at) {
            if (raw.end() > at) {
                return true;
            }
        }
        return false;
    }

    /** Where the loop's {@code if} begins, outside strings and brackets; -1 for a loop without one. */
    private static int topLevelIf(String header) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            } else if (depth == 0 && Character.isWhitespace(c) && header.startsWith("if", i + 1)
                    && i + 3 < header.length() && Character.isWhitespace(header.charAt(i + 3))) {
                return i;
            }
        }
        return -1;
    }
}

package dev.playbake.template;

import dev.playbake.python.PyLiteral;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code #jinja2:} first line ({@code #jinja2: trim_blocks: False, lstrip_blocks: True}): Jinja2
 * environment settings for the rest of the text, each value a Python literal; the line itself is not output.
 */
record TemplateHeader(TemplateSyntax syntax, String body) {

    private static final String PREFIX = "#jinja2:";
    private static final Set<String> SETTINGS = Set.of("trim_blocks", "lstrip_blocks", "block_start_string",
            "block_end_string", "variable_start_string", "variable_end_string", "comment_start_string",
            "comment_end_string");

    /** The text's own settings over {@code syntax}, and the text without its header line. */
    static TemplateHeader read(String text, TemplateSyntax syntax) {
        if (!text.startsWith(PREFIX)) {
            return new TemplateHeader(syntax, text);
        }
        int eol = text.indexOf('\n');
        String line = text.substring(PREFIX.length(), eol < 0 ? text.length() : eol);
        Map<String, Object> settings = settings(syntax);
        for (String pair : line.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new TemplateException("failed to parse jinja2 override '" + pair.strip()
                        + "'. Did you use something different from colon as key-value separator?");
            }
            String key = pair.substring(0, colon).strip();
            String value = pair.substring(colon + 1).strip();
            if (!SETTINGS.contains(key)) {
                throw new TemplateException("jinja2 override '" + key + "' is not supported (supported: "
                        + String.join(", ", new java.util.TreeSet<>(SETTINGS)) + ")");
            }
            settings.put(key, PyLiteral.parse(value).orElseThrow(() ->
                    new TemplateException("jinja2 override " + key + ": not a Python literal: " + value)));
        }
        return new TemplateHeader(TemplateSyntax.of(settings), eol < 0 ? "" : text.substring(eol + 1));
    }

    private static Map<String, Object> settings(TemplateSyntax syntax) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("trim_blocks", syntax.trimBlocks());
        settings.put("lstrip_blocks", syntax.lstripBlocks());
        settings.put("block_start_string", syntax.blockStart());
        settings.put("block_end_string", syntax.blockEnd());
        settings.put("variable_start_string", syntax.variableStart());
        settings.put("variable_end_string", syntax.variableEnd());
        settings.put("comment_start_string", syntax.commentStart());
        settings.put("comment_end_string", syntax.commentEnd());
        return settings;
    }
}

package dev.playbake.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's {@code #jinja2:} first line ({@code #jinja2: trim_blocks: False, lstrip_blocks: True}): environment
 * settings for this one template, the line itself not part of the output.
 */
record TemplateHeader(TemplateSyntax syntax, String body) {

    private static final String PREFIX = "#jinja2:";

    /** The syntax and text a template asks for: its header's settings over the given syntax, or both unchanged. */
    static TemplateHeader read(String text, TemplateSyntax syntax) {
        int eol = text.indexOf('\n');
        if (!text.startsWith(PREFIX) || eol < 0) {
            return new TemplateHeader(syntax, text);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String pair : text.substring(PREFIX.length(), eol).split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new TemplateException("failed to parse jinja2 override '" + pair.strip()
                        + "'. Did you use something different from colon as key-value separator?");
            }
            settings.put(pair.substring(0, colon).strip(), literal(pair.substring(colon + 1).strip()));
        }
        return new TemplateHeader(syntax.with(settings), text.substring(eol + 1));
    }

    /** ast.literal_eval of the values a header holds: True, False, or a quoted string. */
    private static Object literal(String value) {
        if (value.equals("True") || value.equals("False")) {
            return Boolean.valueOf(value.equals("True"));
        }
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        throw new TemplateException("#jinja2: override value " + value + " is not True, False or a quoted string");
    }
}

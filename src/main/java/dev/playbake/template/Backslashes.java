package dev.playbake.template;

/**
 * Backslashes in the string literals of expressions, made to mean what they mean under Ansible:
 * in the {@code {{ }}} of task values Ansible doubles them, so {@code '\d+'}, {@code '\1'} and
 * {@code '\n'} reach a filter as written; elsewhere (template files, {@code {% %}}) Python's string
 * rules apply, where an unknown escape such as {@code \d} stays as written. jinjava's parser rejects
 * unknown escapes, so those backslashes are doubled before it sees them.
 */
final class Backslashes {

    private Backslashes() {
    }

    /** Rewrites the quoted strings inside the {@code {{ }}} and {@code {% %}} regions of a template. */
    static String inTemplate(String template, boolean literal) {
        if (!template.contains("\\")) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 8);
        int i = 0;
        while (i < template.length()) {
            int open = opening(template, i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open + 2);
            boolean variable = template.charAt(open + 1) == '{';
            i = expression(template, open + 2, variable ? "}}" : "%}", literal && variable, out);
        }
        return out.toString();
    }

    /** Rewrites a bare expression ({@code when}, a loop's condition). */
    static String inExpression(String expression, boolean literal) {
        if (!expression.contains("\\")) {
            return expression;
        }
        StringBuilder out = new StringBuilder(expression.length() + 8);
        expression(expression, 0, null, literal, out);
        return out.toString();
    }

    /** Copies one expression region to {@code out}; returns where it ends (at its closing delimiter). */
    private static int expression(String text, int from, String close, boolean literal, StringBuilder out) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0) {
                if (close != null && text.startsWith(close, i)) {
                    return i;
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                }
                out.append(c);
                continue;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == quote || !literal && "\\nrt\"'".indexOf(next) >= 0) {
                    out.append(c).append(next);  // an escape jinjava reads as Python does
                    i++;
                } else {
                    out.append("\\\\");  // a literal backslash; what follows is read on its own
                }
                continue;
            }
            if (c == quote) {
                quote = 0;
            }
            out.append(c);
        }
        return text.length();
    }

    private static int opening(String text, int from) {
        int expression = text.indexOf("{{", from);
        int statement = text.indexOf("{%", from);
        if (expression < 0) {
            return statement;
        }
        return statement < 0 ? expression : Math.min(expression, statement);
    }
}

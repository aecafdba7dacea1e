package dev.playbake.template;

/**
 * Finds a {@code {{} that is never closed, which Jinja2's lexer refuses ("unexpected end of template") and
 * jinjava prints as text: {@code content: "{{ foo "} must fail its task, as under Ansible, not be written.
 */
final class UnclosedExpression {

    private UnclosedExpression() {
    }

    /** Throws Ansible's error for the first expression of a task value left open. */
    static void check(String text) {
        if (text.contains("{% raw") || text.contains("{%- raw")) {
            return;  // raw blocks hold literal delimiters; Jinja2's lexer skips them
        }
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            int comment = text.indexOf("{#", at);
            int statement = text.indexOf("{%", at);
            if (comment >= 0 && first(comment, open, statement)) {
                int end = text.indexOf("#}", comment + 2);
                if (end < 0) {
                    return;  // an open comment or statement is another error, left to jinjava
                }
                at = end + 2;
            } else if (statement >= 0 && first(statement, open, comment)) {
                int end = closing(text, statement + 2, '%');
                if (end < 0) {
                    return;
                }
                at = end + 2;
            } else if (open >= 0) {
                int close = closing(text, open + 2, '}');
                if (close < 0) {
                    String reason = "unexpected end of template, expected 'end of print statement'.";
                    throw new TemplateException("template error while templating string: " + reason + ". String: "
                            + text + ". " + reason);
                }
                at = close + 2;
            } else {
                return;
            }
        }
    }

    private static boolean first(int index, int other, int another) {
        return (other < 0 || index < other) && (another < 0 || index < another);
    }

    /** Where the {@code }}} (or {@code %}}) closing a tag starts, skipping quoted strings; -1 when none does. */
    private static int closing(String text, int from, char end) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == end && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }
}

package dev.playbake.template;

/**
 * Rewrites Jinja2's numeric attribute access ({@code item.0}, {@code pair.1.name}) to subscripts
 * ({@code item[0]}), which jinjava's expression language can parse; Jinja2 treats both alike.
 * Only expression code is rewritten: never literal template text or quoted strings.
 */
final class NumericAttributes {

    private NumericAttributes() {
    }

    /** Rewrites inside the {@code {{ }}} and {@code {% %}} regions of a template. */
    static String inTemplate(String template) {
        if (!template.contains(".")) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            int open = nextOpening(template, i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open + 2);
            String close = template.charAt(open + 1) == '{' ? "}}" : "%}";
            int end = expressionEnd(template, open + 2, close);
            out.append(inExpression(template.substring(open + 2, end)));
            i = end;
        }
        return out.toString();
    }

    /** Rewrites a bare expression ({@code when}, {@code {{ }}} content). */
    static String inExpression(String expression) {
        if (!expression.contains(".")) {
            return expression;
        }
        StringBuilder out = new StringBuilder(expression.length() + 8);
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < expression.length()) {
                    out.append(expression.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                continue;
            }
            if (c == '.' && followsName(out) && i + 1 < expression.length()
                    && Character.isDigit(expression.charAt(i + 1))) {
                int j = i + 1;
                while (j < expression.length() && Character.isDigit(expression.charAt(j))) {
                    j++;
                }
                boolean partOfName = j < expression.length()
                        && (Character.isLetter(expression.charAt(j)) || expression.charAt(j) == '_');
                if (!partOfName) {
                    out.append('[').append(expression, i + 1, j).append(']');
                    i = j - 1;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether the text so far ends in a name, a subscript or a call: not in a number literal. */
    private static boolean followsName(StringBuilder before) {
        int k = before.length() - 1;
        if (k < 0) {
            return false;
        }
        char last = before.charAt(k);
        if (last == ']' || last == ')') {
            return true;
        }
        while (k >= 0 && (Character.isLetterOrDigit(before.charAt(k)) || before.charAt(k) == '_')) {
            k--;
        }
        return k < before.length() - 1 && !Character.isDigit(before.charAt(k + 1));
    }

    private static int nextOpening(String text, int from) {
        int expression = text.indexOf("{{", from);
        int statement = text.indexOf("{%", from);
        if (expression < 0) {
            return statement;
        }
        return statement < 0 ? expression : Math.min(expression, statement);
    }

    private static int expressionEnd(String text, int from, String close) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (text.startsWith(close, i)) {
                return i;
            }
        }
        return text.length();
    }
}

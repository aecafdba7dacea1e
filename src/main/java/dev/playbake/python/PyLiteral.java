package dev.playbake.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code ast.literal_eval} for the literals templates print: dicts, lists, tuples,
 * strings, numbers, True, False, None. Ansible applies it to a rendered string that starts with
 * {@code {} or {@code [}, so {@code "{{ list }}\n"} is a list again.
 */
public final class PyLiteral {

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** The value the text denotes, or empty when it is not exactly one Python literal. */
    public static Optional<Object> parse(String text) {
        PyLiteral parser = new PyLiteral(text);
        try {
            Object value = parser.value();
            parser.skipSpace();
            return parser.pos == text.length() ? Optional.ofNullable(value == null ? PyNone.NONE : value)
                    : Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(pos);
        if (c == '[' || c == '(') {
            return sequence(c == '[' ? ']' : ')');
        }
        if (c == '{') {
            return mapping();
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        for (String word : List.of("True", "False", "None")) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return word.equals("None") ? null : Boolean.valueOf(word.equals("True"));
            }
        }
        return number();
    }

    private List<Object> sequence(char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (text.charAt(pos) == close) {
                pos++;
                return items;
            }
            items.add(value());
            if (!separator(close)) {
                return items;
            }
        }
    }

    private Map<String, Object> mapping() {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (text.charAt(pos) == '}') {
                pos++;
                return map;
            }
            Object key = value();
            skipSpace();
            expect(':');
            map.put(PyStrings.str(key), value());
            if (!separator('}')) {
                return map;
            }
        }
    }

    /** Consumes a comma (true: more may follow) or the closing bracket (false: done). */
    private boolean separator(char close) {
        skipSpace();
        char c = text.charAt(pos++);
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw new IllegalArgumentException("unexpected " + c);
    }

    private String string(char quote) {
        pos++;
        StringBuilder out = new StringBuilder();
        while (text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                char e = text.charAt(pos++);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                out.append(c);
            }
        }
        pos++;
        return out.toString();
    }

    private Number number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE_".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String literal = text.substring(start, pos).replace("_", "");
        if (literal.isEmpty()) {
            throw new IllegalArgumentException("not a literal at " + start);
        }
        if (literal.matches("[+-]?\\d+")) {
            long value = Long.parseLong(literal);
            return value == (int) value ? Integer.valueOf((int) value) : Long.valueOf(value);
        }
        return Double.parseDouble(literal);
    }

    private void expect(char c) {
        if (text.charAt(pos++) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}

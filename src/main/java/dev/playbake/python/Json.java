package dev.playbake.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * JSON text of a value as Python's {@code json.dumps} writes it (", " and ": " separators, non-ASCII
 * escaped), for modules that write structured content (copy with a dict as content).
 */
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, -1, false, 0, out);
        return out.toString();
    }

    /** {@code json.dumps(value, indent=indent, sort_keys=sortKeys)}; a negative indent writes one line. */
    public static String write(Object value, int indent, boolean sortKeys) {
        StringBuilder out = new StringBuilder();
        write(value, indent, sortKeys, 0, out);
        return out.toString();
    }

    private static void write(Object value, int indent, boolean sortKeys, int level, StringBuilder out) {
        if (value == null || value == PyNone.NONE) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyStrings.str(d));
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                separate(i, indent, level + 1, out);
                string(String.valueOf(entries.get(i).getKey()), out);
                out.append(": ");
                write(entries.get(i).getValue(), indent, sortKeys, level + 1, out);
            }
            close('}', entries.isEmpty(), indent, level, out);
        } else if (value instanceof Collection<?> items) {
            List<?> list = new ArrayList<>(items);
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                separate(i, indent, level + 1, out);
                write(list.get(i), indent, sortKeys, level + 1, out);
            }
            close(']', list.isEmpty(), indent, level, out);
        } else {
            string(String.valueOf(value), out);
        }
    }

    /** Python's separators: ", " on one line, "," and a new indented line with an indent. */
    private static void separate(int index, int indent, int level, StringBuilder out) {
        if (indent < 0) {
            out.append(index == 0 ? "" : ", ");
        } else {
            out.append(index == 0 ? "" : ",").append('\n').append(" ".repeat(indent * level));
        }
    }

    private static void close(char bracket, boolean empty, int indent, int level, StringBuilder out) {
        if (indent >= 0 && !empty) {
            out.append('\n').append(" ".repeat(indent * level));
        }
        out.append(bracket);
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

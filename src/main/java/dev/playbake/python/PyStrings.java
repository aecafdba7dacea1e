package dev.playbake.python;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Python's {@code str()} and {@code repr()} for the values templates handle, so output matches Ansible's. */
public final class PyStrings {

    private PyStrings() {
    }

    /** What Jinja2 prints for a value in {@code {{ }}}. */
    public static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value == null || value == PyNone.NONE) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16 ? String.format("%.1f", d) : String.valueOf(d);
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return repr(value);
        }
        return String.valueOf(value);
    }

    /** Python's repr: strings quoted, containers recursively. */
    public static String repr(Object value) {
        if (value instanceof String s) {
            String quote = s.contains("'") && !s.contains("\"") ? "\"" : "'";
            String escaped = s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
            if (quote.equals("'")) {
                escaped = escaped.replace("'", "\\'");
            }
            return quote + escaped + quote;
        }
        if (value instanceof PyTuple tuple) {
            StringBuilder out = new StringBuilder("(");
            for (Iterator<?> it = tuple.iterator(); it.hasNext(); ) {
                out.append(repr(it.next()));
                if (it.hasNext() || tuple.size() == 1) {
                    out.append(tuple.size() == 1 ? "," : ", ");
                }
            }
            return out.append(')').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                out.append(repr(it.next()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                out.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append('}').toString();
        }
        return str(value);
    }

    /** Python's {@code str.splitlines()}: a final line break ends the last line, it does not start an empty one. */
    public static List<String> splitlines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The lines of a text split at {@code \n}, each keeping its own line break, as {@code splitlines(True)} on Unix text. */
    public static List<String> linesKeepingEnds(String text) {
        List<String> lines = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The text without the line breaks at its end ({@code rstrip("\r\n")}), as command output is reported. */
    public static String stripLineEnds(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Python's str.split: on runs of whitespace without a separator, else on each separator. */
    public static List<String> split(String line, String separator) {
        if (separator.isEmpty()) {
            return java.util.Arrays.asList(line.strip().split("\\s+"));
        }
        List<String> parts = new java.util.ArrayList<>();
        int from = 0;
        int at;
        while ((at = line.indexOf(separator, from)) >= 0) {
            parts.add(line.substring(from, at));
            from = at + separator.length();
        }
        parts.add(line.substring(from));
        return parts;
    }
}

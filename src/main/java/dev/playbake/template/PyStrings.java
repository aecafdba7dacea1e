package dev.playbake.template;

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
}

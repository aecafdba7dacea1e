package dev.playbake.template;

import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import dev.playbake.python.Json;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.playbake.template.FilterValues.arg;
import static dev.playbake.template.FilterValues.bool;
import static dev.playbake.template.FilterValues.intArg;
import static dev.playbake.template.FilterValues.str;

/**
 * Jinja2 3.1's built-in filters that convert and format values where jinjava's follow Java: round, int, float,
 * filesizeformat, format, tojson, pprint, urlencode, xmlattr and markupsafe's escape.
 */
final class JinjaFormatFilters {

    private JinjaFormatFilters() {
    }

    /** The filters of this group, for the template environment. */
    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("round", (v, a, k) -> round(v, intArg(arg(a, 0, k.getOrDefault("precision", 0)), 0),
                        str(arg(a, 1, k.getOrDefault("method", "common"))))),
                new SimpleFilter("int", (v, a, k) -> PyNumbers.toInt(v, arg(a, 0, k.getOrDefault("default", 0)),
                        intArg(arg(a, 1, k.getOrDefault("base", 10)), 10))),
                new SimpleFilter("float", (v, a, k) -> PyNumbers.toFloat(v, arg(a, 0, k.getOrDefault("default", 0.0)))),
                new SimpleFilter("filesizeformat", (v, a, k) -> filesize(v, bool(arg(a, 0, k.getOrDefault("binary", false))))),
                new SimpleFilter("format", (v, a, k) -> PercentFormat.format(str(v), a, k)),
                new SimpleFilter("tojson", (v, a, k) -> htmlSafe(Json.write(v, intArg(arg(a, 0, k.getOrDefault("indent", -1)), -1),
                        true))),
                new SimpleFilter("pprint", (v, a, k) -> PyStrings.repr(sortedDicts(v))),
                new SimpleFilter("urlencode", (v, a, k) -> urlencode(v)),
                new SimpleFilter("xmlattr", (v, a, k) -> xmlattr(v, bool(arg(a, 0, k.getOrDefault("autospace", true))))),
                new SimpleFilter("escape", (v, a, k) -> new SafeString(escape(str(v)))),
                new SimpleFilter("e", (v, a, k) -> new SafeString(escape(str(v)))),
                new SimpleFilter("forceescape", (v, a, k) -> new SafeString(escape(str(v)))));
    }

    /** Jinja2's round: Python's round (half to even on the exact binary value) or math.floor/ceil at a precision. */
    private static Object round(Object value, int precision, String method) {
        if (!List.of("common", "ceil", "floor").contains(method)) {
            throw new TemplateException("method must be common, ceil or floor");
        }
        if (!(value instanceof Number number)) {
            throw new TemplateException("type " + FilterValues.typeName(value) + " doesn't define __round__ method");
        }
        boolean integer = number instanceof Integer || number instanceof Long;
        if (method.equals("common")) {
            BigDecimal exact = integer ? BigDecimal.valueOf(number.longValue()) : new BigDecimal(number.doubleValue());
            BigDecimal rounded = exact.setScale(precision, RoundingMode.HALF_EVEN);
            // BigDecimal has no negative zero; Python's round(-0.4) is -0.0
            return integer ? PyNumbers.narrow(rounded.toBigInteger())
                    : Math.copySign(rounded.doubleValue(), number.doubleValue());
        }
        double scale = Math.pow(10, precision);
        double scaled = number.doubleValue() * scale;
        return (method.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled)) / scale;
    }

    private static String filesize(Object value, boolean binary) {
        double bytes = PyNumbers.toFloat(value, null) instanceof Double d ? d : Double.NaN;
        if (Double.isNaN(bytes)) {
            throw new TemplateException("could not convert string to float: " + PyStrings.repr(value));
        }
        int base = binary ? 1024 : 1000;
        String[] prefixes = binary ? new String[] {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
                : new String[] {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            return (long) bytes + " Bytes";
        }
        int prefix = 0;
        while (prefix < prefixes.length - 1 && bytes >= Math.pow(base, prefix + 2)) {
            prefix++;
        }
        return PyNumbers.fixed(base * bytes / Math.pow(base, prefix + 2), 1) + " " + prefixes[prefix];
    }

    /** Jinja2's htmlsafe_json_dumps: the characters HTML treats specially as Unicode escapes. */
    private static String htmlSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027");
    }

    /** pprint sorts every dict's keys. */
    private static Object sortedDicts(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), sortedDicts(v)));
            return new java.util.LinkedHashMap<>(sorted);
        }
        if (value instanceof List<?> list && !(value instanceof dev.playbake.python.PyTuple)) {
            return list.stream().map(JinjaFormatFilters::sortedDicts).toList();
        }
        return value;
    }

    /** A string quoted for a URL path ("/" kept); a dict or a list of pairs as a query string. */
    private static String urlencode(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder();
            map.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(quote(k, true)).append('=').append(quote(v, true)));
            return out.toString();
        }
        if (value instanceof List<?> pairs) {
            StringBuilder out = new StringBuilder();
            for (Object pair : pairs) {
                List<Object> kv = FilterValues.list(pair);
                out.append(out.isEmpty() ? "" : "&").append(quote(kv.get(0), true)).append('=').append(quote(kv.get(1), true));
            }
            return out.toString();
        }
        return quote(value, false);
    }

    /** urllib.parse.quote: letters, digits and "_.-~" stay, "/" too outside a query string. */
    private static String quote(Object value, boolean forQuery) {
        StringBuilder out = new StringBuilder();
        for (byte b : str(value).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "_.-~".indexOf(c) >= 0 || c == '/' && !forQuery)) {
                out.append(c);
            } else if (c == ' ' && forQuery) {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    private static String xmlattr(Object value, boolean autospace) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException("xmlattr expects a dict, got " + FilterValues.typeName(value));
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() == null || entry.getValue() == PyNone.NONE) {
                continue;
            }
            String key = String.valueOf(entry.getKey());
            if (key.matches("(?s).*[\\s/>=].*")) {
                throw new TemplateException("Invalid character in attribute name: " + PyStrings.repr(key));
            }
            out.append(out.isEmpty() ? "" : " ").append(escape(key)).append("=\"").append(escape(str(entry.getValue()))).append('"');
        }
        return autospace && !out.isEmpty() ? " " + out : out.toString();
    }

    /** markupsafe's escape. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&#34;");
    }
}

package dev.playbake.template;

import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;
import jinjava.javax.el.ELContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python methods playbooks call on strings, dicts and lists ({@code name.startswith('a')},
 * {@code text.split()}, {@code '{}-{}'.format(a, b)}, {@code d.items()}, {@code d.get('k', 'x')}), with
 * Python's meaning where Java has a method of the same name and a different one ({@code split},
 * {@code format}). Anything else falls through to jinjava's own resolvers.
 */
final class PythonMethods extends ReadOnlyResolver {

    private static final Pattern FIELD = Pattern.compile("\\{(\\w*)(?::([^}]*))?}");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base == null || method == null) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = Templar.toJava(args[i]);
        }
        Object result = call(Templar.toJava(base), String.valueOf(method), plain);
        if (result == NOT_HANDLED) {
            return null;
        }
        context.setPropertyResolved(true);
        return result;
    }

    private static final Object NOT_HANDLED = new Object();

    private static Object call(Object base, String method, Object[] a) {
        if (base instanceof String s) {
            return string(s, method, a);
        }
        if (base instanceof Map<?, ?> map) {
            return switch (method) {
                case "items" -> map.entrySet().stream().map(e -> (Object) new ArrayList<>(List.of(e.getKey(), e.getValue()))).toList();
                case "keys" -> new ArrayList<Object>(map.keySet());
                case "values" -> new ArrayList<Object>(map.values());
                case "get" -> map.containsKey(String.valueOf(a[0])) ? map.get(String.valueOf(a[0]))
                        : a.length > 1 ? a[1] : PyNone.NONE;
                default -> NOT_HANDLED;
            };
        }
        if (base instanceof List<?> list) {
            return switch (method) {
                case "index" -> list.indexOf(a[0]);
                case "count" -> (int) list.stream().filter(x -> x != null && x.equals(a[0])).count();
                default -> NOT_HANDLED;
            };
        }
        return NOT_HANDLED;
    }

    private static Object string(String s, String method, Object[] a) {
        return switch (method) {
            case "startswith" -> prefixes(a[0]).stream().anyMatch(s::startsWith);
            case "endswith" -> prefixes(a[0]).stream().anyMatch(s::endsWith);
            case "split" -> split(s, a.length > 0 && a[0] != null && a[0] != PyNone.NONE ? String.valueOf(a[0]) : null,
                    a.length > 1 ? ((Number) a[1]).intValue() : -1);
            case "rsplit" -> rsplit(s, a.length > 0 ? String.valueOf(a[0]) : " ", a.length > 1 ? ((Number) a[1]).intValue() : -1);
            case "splitlines" -> new ArrayList<Object>(List.of(s.split("\r?\n", -1))).subList(0,
                    s.endsWith("\n") ? s.split("\r?\n", -1).length - 1 : s.split("\r?\n", -1).length);
            case "strip" -> a.length == 0 ? s.strip() : strip(s, String.valueOf(a[0]), true, true);
            case "lstrip" -> a.length == 0 ? s.stripLeading() : strip(s, String.valueOf(a[0]), true, false);
            case "rstrip" -> a.length == 0 ? s.stripTrailing() : strip(s, String.valueOf(a[0]), false, true);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "replace" -> a.length > 2 ? replaceCount(s, String.valueOf(a[0]), String.valueOf(a[1]), ((Number) a[2]).intValue())
                    : s.replace(String.valueOf(a[0]), String.valueOf(a[1]));
            case "format" -> format(s, a);
            case "join" -> String.join(s, FilterValues.list(a[0]).stream().map(PyStrings::str).toList());
            case "find" -> s.indexOf(String.valueOf(a[0]));
            case "count" -> s.isEmpty() ? 0 : s.split(Pattern.quote(String.valueOf(a[0])), -1).length - 1;
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "zfill" -> zfill(s, ((Number) a[0]).intValue());
            default -> NOT_HANDLED;
        };
    }

    private static List<String> prefixes(Object arg) {
        if (arg instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(arg));
    }

    /** Python's str.split: no separator splits on runs of whitespace and drops empty ends. */
    static List<Object> split(String s, String separator, int max) {
        List<Object> parts = new ArrayList<>();
        if (separator == null) {
            String rest = s.stripLeading();
            while (!rest.isEmpty()) {
                if (max >= 0 && parts.size() == max) {
                    parts.add(rest.stripTrailing());
                    return parts;
                }
                int end = 0;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                parts.add(rest.substring(0, end));
                rest = rest.substring(end).stripLeading();
            }
            return parts;
        }
        String[] pieces = s.split(Pattern.quote(separator), max < 0 ? -1 : max + 1);
        parts.addAll(List.of(pieces));
        return parts;
    }

    private static List<Object> rsplit(String s, String separator, int max) {
        if (max < 0) {
            return split(s, separator, -1);
        }
        List<Object> parts = new ArrayList<>();
        String rest = s;
        while (parts.size() < max) {
            int at = rest.lastIndexOf(separator);
            if (at < 0) {
                break;
            }
            parts.add(0, rest.substring(at + separator.length()));
            rest = rest.substring(0, at);
        }
        parts.add(0, rest);
        return parts;
    }

    private static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (right && end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : s.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = !Character.isLetter(c);
        }
        return out.toString();
    }

    private static String replaceCount(String s, String old, String replacement, int count) {
        String result = s;
        int from = 0;
        for (int i = 0; i < count; i++) {
            int at = result.indexOf(old, from);
            if (at < 0) {
                break;
            }
            result = result.substring(0, at) + replacement + result.substring(at + old.length());
            from = at + replacement.length();
        }
        return result;
    }

    /** str.format with {} / {0} / {name} fields and simple specs ({:>5}, {:05d}, {:.2f}). */
    private static String format(String template, Object[] args) {
        Map<?, ?> named = args.length > 0 && args[args.length - 1] instanceof Map<?, ?> m ? m : Map.of();
        Matcher matcher = FIELD.matcher(template.replace("{{", "\u0000").replace("}}", "\u0001"));
        StringBuilder out = new StringBuilder();
        int auto = 0;
        while (matcher.find()) {
            String field = matcher.group(1);
            Object value;
            if (field.isEmpty()) {
                value = args[auto++];
            } else if (field.chars().allMatch(Character::isDigit)) {
                value = args[Integer.parseInt(field)];
            } else {
                value = named.get(field);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(spec(value, matcher.group(2))));
        }
        matcher.appendTail(out);
        return out.toString().replace('\u0000', '{').replace('\u0001', '}');
    }

    private static String spec(Object value, String spec) {
        if (spec == null || spec.isEmpty()) {
            return PyStrings.str(value);
        }
        Matcher m = Pattern.compile("([<>^])?(0)?(\\d+)?(?:\\.(\\d+))?([dfsx])?").matcher(spec);
        if (!m.matches()) {
            return PyStrings.str(value);
        }
        String text;
        if ("f".equals(m.group(5)) || m.group(4) != null && value instanceof Number) {
            text = String.format(Locale.ROOT, "%." + (m.group(4) == null ? "6" : m.group(4)) + "f", ((Number) value).doubleValue());
        } else if ("x".equals(m.group(5))) {
            text = Long.toHexString(((Number) value).longValue());
        } else {
            text = PyStrings.str(value);
        }
        int width = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (text.length() >= width) {
            return text;
        }
        String align = m.group(1) != null ? m.group(1) : value instanceof Number ? ">" : "<";
        char fill = m.group(2) != null ? '0' : ' ';
        String padding = String.valueOf(fill).repeat(width - text.length());
        return switch (align) {
            case ">" -> padding + text;
            case "^" -> padding.substring(0, padding.length() / 2) + text + padding.substring(padding.length() / 2);
            default -> text + padding;
        };
    }

    private static String zfill(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** A key whose value is None exists in Python; jinjava would read it as undefined. */
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        // jinjava hands a list over wrapped in its PyList
        Object unwrapped = base instanceof com.hubspot.jinjava.objects.collections.PyList list ? list.toList() : base;
        if (unwrapped instanceof GroupTuple group && group.field(String.valueOf(property)) != null) {
            context.setPropertyResolved(true);
            return group.field(String.valueOf(property));
        }
        if (base instanceof Map<?, ?> map && property != null && !(base instanceof LazyVarsMap)) {
            String key = String.valueOf(property);
            if (map.containsKey(key) && map.get(key) == null) {
                context.setPropertyResolved(true);
                return PyNone.NONE;
            }
        }
        return null;
    }
}

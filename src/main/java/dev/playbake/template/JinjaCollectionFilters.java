package dev.playbake.template;

import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyTuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.playbake.template.FilterValues.arg;
import static dev.playbake.template.FilterValues.bool;
import static dev.playbake.template.FilterValues.str;

/**
 * Jinja2 3.1's built-in filters over sequences where jinjava's differ: groupby (sorted, case-blind, unpackable),
 * unique (case-blind, by attribute, as ansible-core calls it), sum with start, and strings taken as the sequence
 * of their characters by first, last, list and join.
 */
final class JinjaCollectionFilters {

    private JinjaCollectionFilters() {
    }

    /** The filters of this group, for the template environment. */
    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("groupby", (v, a, k) -> groupby(items(v), arg(a, 0, k.get("attribute")),
                        arg(a, 1, k.get("default")), bool(arg(a, 2, k.getOrDefault("case_sensitive", false))))),
                new SimpleFilter("unique", (v, a, k) -> unique(items(v), bool(arg(a, 0, k.getOrDefault("case_sensitive", false))),
                        arg(a, 1, k.get("attribute")))),
                new SimpleFilter("sum", (v, a, k) -> sum(items(v), arg(a, 0, k.get("attribute")), arg(a, 1, k.getOrDefault("start", 0)))),
                new SimpleFilter("first", (v, a, k) -> {
                    List<Object> items = items(v);
                    return items.isEmpty() ? null : items.get(0);
                }),
                new SimpleFilter("last", (v, a, k) -> {
                    List<Object> items = items(v);
                    return items.isEmpty() ? null : items.get(items.size() - 1);
                }),
                new SimpleFilter("list", (v, a, k) -> items(v)),
                new SimpleFilter("reverse", (v, a, k) -> {
                    if (v instanceof String text) {
                        return new StringBuilder(text).reverse().toString();
                    }
                    List<Object> reversed = items(v);
                    java.util.Collections.reverse(reversed);
                    return reversed;
                }),
                // Jinja2's attr reads a Python attribute, never a key; template values have no others than methods
                new SimpleFilter("attr", (v, a, k) -> {
                    throw new TemplateException("'" + FilterValues.typeName(v) + " object' has no attribute '"
                            + str(arg(a, 0, "")) + "'");
                }),
                new SimpleFilter("items", (v, a, k) -> {
                    List<Object> pairs = new ArrayList<>();
                    if (v instanceof Map<?, ?> map) {
                        map.forEach((key, value) -> pairs.add(new PyTuple(java.util.Arrays.asList(key, value))));
                    }
                    return pairs;
                }),
                new SimpleFilter("join", (v, a, k) -> join(items(v), str(arg(a, 0, k.getOrDefault("d", ""))),
                        arg(a, 1, k.get("attribute")))));
    }

    /** What Python's iter() yields: a string's characters, a dict's keys, a list's items. */
    static List<Object> items(Object value) {
        if (value instanceof String s) {
            List<Object> characters = new ArrayList<>();
            s.codePoints().forEach(c -> characters.add(new String(Character.toChars(c))));
            return characters;
        }
        return new ArrayList<>(FilterValues.list(value));
    }

    /** Jinja2's make_attrgetter: a dotted path of keys and indexes; the default stands in for a missing one. */
    static Object attribute(Object item, Object attribute, Object fallback) {
        if (attribute == null) {
            return item;
        }
        Object current = item;
        for (String part : str(attribute).split("\\.")) {
            current = step(current, part);
            if (current == Missing.VALUE && fallback != null) {
                current = fallback;
            }
        }
        return current;
    }

    /** A key or index that is not there: Jinja2's Undefined, which sorts and groups as nothing else does. */
    enum Missing { VALUE }

    private static Object step(Object current, String part) {
        if (current instanceof GroupTuple group && group.field(part) != null) {
            return group.field(part);
        }
        if (current instanceof Map<?, ?> map) {
            return map.containsKey(part) ? map.get(part) : Missing.VALUE;
        }
        if (current instanceof List<?> list && part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
            int index = Integer.parseInt(part);
            return index < list.size() ? list.get(index) : Missing.VALUE;
        }
        return Missing.VALUE;
    }

    /** A missing attribute is an error where Jinja2's Undefined would be used, as Ansible's undefined is strict. */
    private static Object present(Object value, Object attribute) {
        if (value == Missing.VALUE) {
            throw new TemplateException("'dict object' has no attribute '" + str(attribute) + "'");
        }
        return value;
    }

    private static Object caseBlind(Object value, boolean caseSensitive) {
        return !caseSensitive && value instanceof String s ? s.toLowerCase(java.util.Locale.ROOT) : value;
    }

    /** Jinja2's groupby: sorted by the attribute, one group per value, each a (grouper, list) tuple. */
    private static List<Object> groupby(List<Object> items, Object attribute, Object fallback, boolean caseSensitive) {
        List<Object> sorted = new ArrayList<>(items);
        sorted.sort((x, y) -> FilterValues.compare(caseBlind(attribute(x, attribute, fallback), caseSensitive),
                caseBlind(attribute(y, attribute, fallback), caseSensitive)));
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        Map<Object, Object> groupers = new LinkedHashMap<>();
        for (Object item : sorted) {
            Object value = attribute(item, attribute, fallback);
            Object key = caseBlind(value, caseSensitive);
            groupers.putIfAbsent(key, value);
            groups.computeIfAbsent(key, g -> new ArrayList<>()).add(item);
        }
        List<Object> result = new ArrayList<>();
        groups.forEach((key, members) -> result.add(new GroupTuple(groupers.get(key), members)));
        return result;
    }

    private static List<Object> unique(List<Object> items, boolean caseSensitive, Object attribute) {
        Set<Object> seen = new HashSet<>();
        List<Object> result = new ArrayList<>();
        for (Object item : items) {
            if (seen.add(caseBlind(attribute(item, attribute, null), caseSensitive))) {
                result.add(item);
            }
        }
        return result;
    }

    /** Python's sum(items, start): numbers add (an int stays an int), lists concatenate. */
    private static Object sum(List<Object> items, Object attribute, Object start) {
        Object total = start;
        for (Object item : items) {
            total = add(total, present(attribute(item, attribute, null), attribute));
        }
        return total;
    }

    private static Object add(Object left, Object right) {
        if (left instanceof List<?> a && right instanceof List<?> b) {
            List<Object> joined = new ArrayList<>(a);
            joined.addAll(b);
            return joined;
        }
        if (isInteger(left) && isInteger(right)) {
            long total = ((Number) number(left)).longValue() + ((Number) number(right)).longValue();
            return total >= Integer.MIN_VALUE && total <= Integer.MAX_VALUE ? (Object) (int) total : total;
        }
        if (number(left) instanceof Number a && number(right) instanceof Number b) {
            return a.doubleValue() + b.doubleValue();
        }
        throw new TemplateException("unsupported operand type(s) for +: '" + FilterValues.typeName(left) + "' and '"
                + FilterValues.typeName(right) + "'");
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Boolean;
    }

    private static Object number(Object value) {
        return value instanceof Boolean b ? (Object) (b ? 1 : 0) : value;
    }

    private static String join(List<Object> items, String separator, Object attribute) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : separator).append(str(present(attribute(items.get(i), attribute, null), attribute)));
        }
        return out.toString();
    }
}

package dev.playbake.template;

import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyTuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.playbake.template.FilterValues.arg;
import static dev.playbake.template.FilterValues.bool;
import static dev.playbake.template.FilterValues.compare;
import static dev.playbake.template.FilterValues.intArg;
import static dev.playbake.template.FilterValues.list;
import static dev.playbake.template.FilterValues.str;
import static dev.playbake.template.FilterValues.typeName;

/** Filters over lists and dicts: combine, dictsort, flatten, set operations, zip, product, sort, batch, slice, random. */
final class CollectionFilters {

    private CollectionFilters() {
    }

    /** The filters of this group, for the template environment. */
    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("combine", CollectionFilters::combine),
                new SimpleFilter("dictsort", (v, a, k) -> dictsort(v, bool(arg(a, 0, k.getOrDefault("case_sensitive", false))),
                        str(arg(a, 1, k.getOrDefault("by", "key"))), bool(arg(a, 2, k.getOrDefault("reverse", false))))),
                new SimpleFilter("dict2items", (v, a, k) -> dict2items(v, str(k.getOrDefault("key_name", "key")),
                        str(k.getOrDefault("value_name", "value")))),
                new SimpleFilter("items2dict", (v, a, k) -> items2dict(v, str(k.getOrDefault("key_name", "key")),
                        str(k.getOrDefault("value_name", "value")))),
                new SimpleFilter("ternary", (v, a, k) -> (v == null || v == PyNone.NONE) && a.length > 2 ? a[2]
                        : Templar.truthy(v) ? arg(a, 0, null) : arg(a, 1, null)),
                new SimpleFilter("flatten", (v, a, k) -> flatten(list(v), a.length > 0 ? intArg(a[0], 0)
                        : intArg(k.getOrDefault("levels", -1), -1))),
                new SimpleFilter("union", (v, a, k) -> {
                    LinkedHashSet<Object> set = new LinkedHashSet<>(list(v));
                    set.addAll(list(arg(a, 0, List.of())));
                    return new ArrayList<>(set);
                }),
                new SimpleFilter("intersect", (v, a, k) -> {
                    List<Object> other = list(arg(a, 0, List.of()));
                    return new ArrayList<>(new LinkedHashSet<>(list(v).stream().filter(other::contains).toList()));
                }),
                new SimpleFilter("difference", (v, a, k) -> {
                    List<Object> other = list(arg(a, 0, List.of()));
                    return new ArrayList<>(new LinkedHashSet<>(list(v).stream().filter(x -> !other.contains(x)).toList()));
                }),
                new SimpleFilter("symmetric_difference", (v, a, k) -> {
                    List<Object> left = list(v);
                    List<Object> right = list(arg(a, 0, List.of()));
                    LinkedHashSet<Object> set = new LinkedHashSet<>(left.stream().filter(x -> !right.contains(x)).toList());
                    set.addAll(right.stream().filter(x -> !left.contains(x)).toList());
                    return new ArrayList<>(set);
                }),
                new SimpleFilter("zip", (v, a, k) -> tuples(zip(v, a, false))),
                new SimpleFilter("zip_longest", (v, a, k) -> zip(v, a, true)),
                new SimpleFilter("product", (v, a, k) -> tuples(product(v, a, k))),
                new SimpleFilter("min", (v, a, k) -> list(v).stream().min(byAttribute(k.get("attribute"), false)).orElse(null)),
                new SimpleFilter("max", (v, a, k) -> list(v).stream().max(byAttribute(k.get("attribute"), false)).orElse(null)),
                new SimpleFilter("sort", (v, a, k) -> sort(list(v), bool(arg(a, 0, k.getOrDefault("reverse", false))),
                        bool(arg(a, 1, k.getOrDefault("case_sensitive", false))), arg(a, 2, k.get("attribute")))),
                new SimpleFilter("batch", (v, a, k) -> batch(list(v), intArg(arg(a, 0, 1), 1), arg(a, 1, k.get("fill_with")))),
                new SimpleFilter("slice", (v, a, k) -> slices(list(v), intArg(arg(a, 0, 1), 1), arg(a, 1, k.get("fill_with")))),
                new SimpleFilter("random", RandomFilters::random),
                new SimpleFilter("shuffle", RandomFilters::shuffle),
                new SimpleFilter("type_debug", (v, a, k) -> typeName(v)),
                new SimpleFilter("extract", (v, a, k) -> {
                    Object container = arg(a, 0, null);
                    if (container instanceof Map<?, ?> m) {
                        return m.get(String.valueOf(v));
                    }
                    if (container instanceof List<?> l && v instanceof Number n) {
                        return l.get(n.intValue());
                    }
                    return null;
                }),
                new SimpleFilter("subelements", (v, a, k) -> Loops.subelements(list(v), str(arg(a, 0, "")),
                        FilterValues.bool(arg(a, 1, k.getOrDefault("skip_missing", false))))));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** zip and product yield Python tuples. */
    private static List<Object> tuples(Object lists) {
        List<Object> result = new ArrayList<>();
        list(lists).forEach(item -> result.add(new PyTuple(list(item))));
        return result;
    }

    /** Jinja2's sort key: an attribute path (dots, indexes) or the item, strings case-blind unless asked. */
    private static java.util.Comparator<Object> byAttribute(Object attribute, boolean caseSensitive) {
        return (x, y) -> compare(sortKey(attributeOf(x, attribute), caseSensitive),
                sortKey(attributeOf(y, attribute), caseSensitive));
    }

    private static Object attributeOf(Object item, Object attribute) {
        Object value = JinjaCollectionFilters.attribute(item, attribute, null);
        return value == JinjaCollectionFilters.Missing.VALUE ? null : value;
    }

    /** Jinja2's sort: by the item, or by attributes ("age,name": the first, then the next on a tie). */
    private static List<Object> sort(List<Object> items, boolean reverse, boolean caseSensitive, Object attribute) {
        List<Object> sorted = new ArrayList<>(items);
        java.util.Comparator<Object> order = byAttribute(null, caseSensitive);
        if (attribute != null) {
            String[] attributes = str(attribute).split(",");
            order = byAttribute(attributes[0], caseSensitive);
            for (int i = 1; i < attributes.length; i++) {
                order = order.thenComparing(byAttribute(attributes[i], caseSensitive));
            }
        }
        sorted.sort(reverse ? order.reversed() : order);
        return sorted;
    }

    /** Jinja2's batch: chunks of {@code size}, the last padded only when {@code fill} is given. */
    private static List<Object> batch(List<Object> items, int size, Object fill) {
        List<Object> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            List<Object> chunk = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
            while (fill != null && chunk.size() < size) {
                chunk.add(fill);
            }
            batches.add(chunk);
        }
        return batches;
    }

    /** Jinja2's slice: {@code count} columns, the first ones one longer when the items do not divide evenly. */
    private static List<Object> slices(List<Object> items, int count, Object fill) {
        List<Object> columns = new ArrayList<>();
        int per = items.size() / count;
        int withExtra = items.size() % count;
        int offset = 0;
        for (int n = 0; n < count; n++) {
            int start = offset + n * per;
            if (n < withExtra) {
                offset++;
            }
            int end = offset + (n + 1) * per;
            List<Object> column = new ArrayList<>(items.subList(start, end));
            if (fill != null && n >= withExtra) {
                column.add(fill);
            }
            columns.add(column);
        }
        return columns;
    }

    /** Jinja2's dictsort: (key, value) tuples ordered by key or value, strings case-blind unless asked. */
    private static List<PyTuple> dictsort(Object value, boolean caseSensitive, String by, boolean reverse) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("dictsort: a dict is required");
        }
        int index = "value".equals(by) ? 1 : 0;
        java.util.Comparator<PyTuple> order = (x, y) -> compare(sortKey(x.get(index), caseSensitive),
                sortKey(y.get(index), caseSensitive));
        List<PyTuple> items = new ArrayList<>();
        map.forEach((k, v) -> items.add(new PyTuple(java.util.Arrays.asList(k, v))));
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    private static Object sortKey(Object value, boolean caseSensitive) {
        return value instanceof String s && !caseSensitive ? s.toLowerCase(Locale.ROOT) : value;
    }

    @SuppressWarnings("unchecked")
    private static Object combine(Object value, Object[] args, Map<String, Object> kwargs) {
        boolean recursive = bool(kwargs.getOrDefault("recursive", false));
        String listMerge = str(kwargs.getOrDefault("list_merge", "replace"));
        Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) value);
        List<Object> others = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> list) {
                others.addAll(list);
            } else {
                others.add(arg);
            }
        }
        for (Object other : others) {
            merge(result, (Map<String, Object>) other, recursive, listMerge);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from, boolean recursive, String listMerge) {
        from.forEach((key, value) -> {
            Object existing = into.get(key);
            if (recursive && existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) a);
                merge(merged, (Map<String, Object>) b, true, listMerge);
                into.put(key, merged);
            } else if (existing instanceof List<?> a && value instanceof List<?> b && !listMerge.equals("replace")) {
                List<Object> merged = new ArrayList<>();
                switch (listMerge) {
                    case "append" -> { merged.addAll(a); merged.addAll(b); }
                    case "prepend" -> { merged.addAll(b); merged.addAll(a); }
                    case "append_rp" -> { merged.addAll(a.stream().filter(x -> !b.contains(x)).toList()); merged.addAll(b); }
                    case "prepend_rp" -> { merged.addAll(b); merged.addAll(a.stream().filter(x -> !b.contains(x)).toList()); }
                    case "keep" -> merged.addAll(a);
                    default -> throw new TemplateException("combine: unknown list_merge '" + listMerge + "'");
                }
                into.put(key, merged);
            } else {
                into.put(key, value);
            }
        });
    }

    private static List<Object> dict2items(Object value, String keyName, String valueName) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException("dict2items requires a dictionary, got " + typeName(value));
        }
        List<Object> items = new ArrayList<>();
        map.forEach((k, v) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, v);
            items.add(item);
        });
        return items;
    }

    private static Map<String, Object> items2dict(Object value, String keyName, String valueName) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object item : list(value)) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new TemplateException("items2dict requires a list of dictionaries");
            }
            result.put(String.valueOf(map.get(keyName)), map.get(valueName));
        }
        return result;
    }

    private static List<Object> flatten(List<Object> value, int levels) {
        List<Object> result = new ArrayList<>();
        for (Object item : value) {
            if (item instanceof List<?> inner && levels != 0) {
                result.addAll(flatten(new ArrayList<>(inner), levels - 1));
            } else if (item != null && item != PyNone.NONE) {
                result.add(item);
            }
        }
        return result;
    }

    private static List<Object> zip(Object value, Object[] args, boolean longest) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(list(value));
        for (Object arg : args) {
            lists.add(list(arg));
        }
        int size = lists.stream().mapToInt(List::size).reduce(longest ? 0 : Integer.MAX_VALUE,
                longest ? Math::max : Math::min);
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<Object> tuple = new ArrayList<>();
            for (List<Object> l : lists) {
                tuple.add(i < l.size() ? l.get(i) : null);
            }
            result.add(tuple);
        }
        return result;
    }

    private static Object product(Object value, Object[] args, Map<String, Object> kwargs) {
        List<List<Object>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        List<List<Object>> lists = new ArrayList<>();
        lists.add(list(value));
        for (Object arg : args) {
            lists.add(list(arg));
        }
        for (List<Object> l : lists) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : result) {
                for (Object item : l) {
                    List<Object> combined = new ArrayList<>(prefix);
                    combined.add(item);
                    next.add(combined);
                }
            }
            result = next;
        }
        return new ArrayList<Object>(result);
    }
}

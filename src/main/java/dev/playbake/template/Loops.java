package dev.playbake.template;

import dev.playbake.python.PyNone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the {@code with_*} loops iterate over, as Ansible's lookup plugins of the same names compute it. */
public final class Loops {

    private Loops() {
    }

    /** {@code with_items}: lists are flattened one level. */
    public static List<Object> items(List<Object> terms) {
        List<Object> result = new ArrayList<>();
        for (Object term : terms) {
            if (term instanceof List<?> inner) {
                result.addAll(inner);
            } else {
                result.add(term);
            }
        }
        return result;
    }

    /** {@code with_dict}: one {@code {key, value}} per entry. */
    public static List<Object> dict(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException("with_dict expects a dict, got " + FilterValues.typeName(value));
        }
        List<Object> result = new ArrayList<>();
        map.forEach((k, v) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", k);
            item.put("value", v);
            result.add(item);
        });
        return result;
    }

    /** {@code with_together}: lists zipped, shorter ones padded with None. */
    public static List<Object> together(List<Object> lists) {
        int size = lists.stream().mapToInt(l -> FilterValues.list(l).size()).max().orElse(0);
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<Object> tuple = new ArrayList<>();
            for (Object list : lists) {
                List<Object> l = FilterValues.list(list);
                tuple.add(i < l.size() ? l.get(i) : PyNone.NONE);
            }
            result.add(tuple);
        }
        return result;
    }

    /** {@code with_nested}: the cartesian product. */
    public static List<Object> nested(List<Object> lists) {
        List<List<Object>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (Object list : lists) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : result) {
                for (Object item : FilterValues.list(list)) {
                    List<Object> combined = new ArrayList<>(prefix);
                    combined.add(item);
                    next.add(combined);
                }
            }
            result = next;
        }
        return new ArrayList<>(result);
    }

    /** {@code with_sequence}: {@code start=1 end=10 stride=1 format=%d} or {@code count=N}. */
    public static List<Object> sequence(String spec) {
        Map<String, String> args = new LinkedHashMap<>();
        String text = spec.strip();
        if (text.matches("-?\\d+-\\d+(/\\d+)?(:.*)?")) {  // shortcut form: 1-10/2:fmt
            String[] fmt = text.split(":", 2);
            String[] range = fmt[0].split("/");
            String[] bounds = range[0].split("-");
            args.put("start", bounds[0]);
            args.put("end", bounds[1]);
            if (range.length > 1) {
                args.put("stride", range[1]);
            }
            if (fmt.length > 1) {
                args.put("format", fmt[1]);
            }
        } else {
            for (String token : text.split("\\s+")) {
                int eq = token.indexOf('=');
                if (eq > 0) {
                    args.put(token.substring(0, eq), token.substring(eq + 1));
                }
            }
        }
        int start = Integer.decode(args.getOrDefault("start", "1"));
        int stride = Integer.decode(args.getOrDefault("stride", "1"));
        int end;
        if (args.containsKey("count")) {
            end = start + (Integer.decode(args.get("count")) - 1) * stride;
        } else if (args.containsKey("end")) {
            end = Integer.decode(args.get("end"));
        } else {
            throw new TemplateException("with_sequence needs 'end' or 'count': " + spec);
        }
        String format = args.getOrDefault("format", "%d");
        List<Object> result = new ArrayList<>();
        if (stride == 0) {
            throw new TemplateException("with_sequence: stride cannot be 0");
        }
        for (int i = start; stride > 0 ? i <= end : i >= end; i += stride) {
            result.add(String.format(format, i));
        }
        return result;
    }

    /** {@code with_subelements}: for each item, each element of its list under {@code key}. */
    public static List<Object> subelements(List<Object> items, String key, boolean skipMissing) {
        List<Object> result = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new TemplateException("subelements: the list must hold dicts");
            }
            Object current = map;
            for (String part : key.split("\\.")) {
                current = current instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (current == null) {
                if (skipMissing) {
                    continue;
                }
                throw new TemplateException("subelements: could not find '" + key + "' key in iterated item");
            }
            for (Object sub : FilterValues.list(current)) {
                result.add(new ArrayList<>(List.of(item, sub)));
            }
        }
        return result;
    }
}

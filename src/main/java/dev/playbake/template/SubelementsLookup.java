package dev.playbake.template;

import dev.playbake.python.PyStrings;
import dev.playbake.python.PyTuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code subelements} lookup ({@code with_subelements}), which differs from the filter: a
 * registered result (or item) that was skipped gives nothing, and each pair's first element is the item
 * without the list it was paired from, as the lookup pops it.
 */
final class SubelementsLookup {

    private SubelementsLookup() {
    }

    static List<Object> run(List<Object> terms) {
        if (terms.size() < 2 || terms.size() > 3 || !(terms.get(1) instanceof String key)) {
            throw new TemplateException("subelements lookup expects a list of two or three items, first a dict or "
                    + "a list, second a string pointing to the subkey");
        }
        List<Object> elements;
        if (terms.get(0) instanceof Map<?, ?> registered) {
            if (skipped(registered)) {
                return List.of();
            }
            elements = new ArrayList<>(registered.values());
        } else if (terms.get(0) instanceof List<?> list) {
            elements = new ArrayList<>(list);
        } else {
            throw new TemplateException("subelements lookup expects a list of two or three items, first a dict or "
                    + "a list, second a string pointing to the subkey");
        }
        boolean skipMissing = terms.size() == 3 && terms.get(2) instanceof Map<?, ?> flags
                && FilterValues.bool(flags.get("skip_missing"));
        List<Object> result = new ArrayList<>();
        for (Object element : elements) {
            if (!(element instanceof Map<?, ?> item)) {
                throw new TemplateException("subelements lookup expects a dictionary, got '" + PyStrings.str(element) + "'");
            }
            if (skipped(item)) {
                continue;
            }
            Map<String, Object> first = copy(item);
            for (Object sub : popped(first, key.split("\\."), skipMissing)) {
                result.add(new PyTuple(List.of(first, sub)));
            }
        }
        return result;
    }

    /** Ansible skips what has a {@code skipped} that is anything but False. */
    private static boolean skipped(Map<?, ?> value) {
        return value.containsKey("skipped") && !Boolean.FALSE.equals(value.get("skipped"));
    }

    /** The list at the dotted path, taken out of {@code item} (whose dicts on the path are copies). */
    private static List<?> popped(Map<String, Object> item, String[] path, boolean skipMissing) {
        Map<String, Object> current = item;
        for (int i = 0; i < path.length; i++) {
            String key = path[i];
            if (!current.containsKey(key)) {
                if (skipMissing) {
                    return List.of();
                }
                throw new TemplateException("could not find '" + key + "' key in iterated item '"
                        + PyStrings.str(current) + "'");
            }
            Object value = current.get(key);
            if (i == path.length - 1) {
                if (!(value instanceof List<?> list)) {
                    throw new TemplateException("the key " + key + " should point to a list, got '"
                            + PyStrings.str(value) + "'");
                }
                current.remove(key);
                return list;
            }
            if (!(value instanceof Map<?, ?> nested)) {
                if (skipMissing) {
                    return List.of();
                }
                throw new TemplateException("the key " + key + " should point to a dictionary, got '"
                        + PyStrings.str(value) + "'");
            }
            Map<String, Object> copied = copy(nested);
            current.put(key, copied);
            current = copied;
        }
        return List.of();
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}

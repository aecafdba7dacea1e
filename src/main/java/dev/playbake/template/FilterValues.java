package dev.playbake.template;

import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How Ansible's filters coerce their arguments and name Python types: the helpers every filter group shares. */
final class FilterValues {

    private FilterValues() {
    }

    static Object arg(Object[] args, int index, Object fallback) {
        return args.length > index ? args[index] : fallback;
    }

    static String str(Object value) {
        return PyStrings.str(value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null || value == PyNone.NONE) {
            return new ArrayList<>();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        return new ArrayList<>(List.of(value));
    }

    /** Ansible's bool filter: yes/on/1/true (any case) are true. */
    static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 1;
        }
        if (value == null || value == PyNone.NONE) {
            return false;
        }
        return List.of("yes", "on", "1", "true", "y", "t").contains(String.valueOf(value).strip().toLowerCase(Locale.ROOT));
    }

    static int intArg(Object value, int fallback) {
        return PyNumbers.toInt(value, fallback, 10) instanceof Number n ? n.intValue() : fallback;
    }

    static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable c && a.getClass().isInstance(b)) {
            return c.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    static String typeName(Object value) {
        if (value == null || value == PyNone.NONE) {
            return "NoneType";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "int";
        }
        if (value instanceof Number) {
            return "float";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "dict";
        }
        return value.getClass().getSimpleName();
    }
}

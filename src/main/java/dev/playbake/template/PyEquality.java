package dev.playbake.template;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Python's {@code ==} and {@code in} over template values: 1 == 1.0 == True, lists and dicts by content. */
final class PyEquality {

    private PyEquality() {
    }

    static boolean equal(Object a, Object b) {
        Object x = a instanceof Boolean bool ? (bool ? 1 : 0) : a;
        Object y = b instanceof Boolean bool ? (bool ? 1 : 0) : b;
        if (x instanceof Number m && y instanceof Number n) {
            return m.doubleValue() == n.doubleValue();
        }
        if (x instanceof List<?> l && y instanceof List<?> r) {
            if (l.size() != r.size()) {
                return false;
            }
            Iterator<?> left = l.iterator();
            Iterator<?> right = r.iterator();
            while (left.hasNext()) {
                if (!equal(left.next(), right.next())) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Map<?, ?> l && y instanceof Map<?, ?> r) {
            return l.size() == r.size() && l.entrySet().stream().allMatch(e -> r.containsKey(e.getKey())
                    && equal(e.getValue(), r.get(e.getKey())));
        }
        return Objects.equals(Templar.toJava(x), Templar.toJava(y));
    }

    /** {@code item in container}: a substring of a string, a key of a dict, an element of a list. */
    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String part)) {
                throw new TemplateException("'in <string>' requires string as left operand, not " + FilterValues.typeName(item));
            }
            return s.contains(part);
        }
        if (container instanceof Map<?, ?> map) {
            return map.containsKey(String.valueOf(item));
        }
        if (container instanceof Collection<?> items) {
            return items.stream().anyMatch(x -> equal(x, item));
        }
        throw new TemplateException("argument of type '" + FilterValues.typeName(container) + "' is not iterable");
    }
}

package dev.playbake.template;

import dev.playbake.python.PyNone;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ansible's {@code random} and {@code shuffle} filters: with a seed, the values Python's {@code random.Random(seed)} gives. */
final class RandomFilters {

    private static final SecureRandom ENTROPY = new SecureRandom();

    private RandomFilters() {
    }

    /** {@code random(end, start=None, step=None, seed=None)}: a number in range(start, end, step), or an element. */
    static Object random(Object value, Object[] args, Map<String, Object> kwargs) {
        Object start = FilterValues.arg(args, 0, kwargs.get("start"));
        Object step = FilterValues.arg(args, 1, kwargs.get("step"));
        Object seed = FilterValues.arg(args, 2, kwargs.get("seed"));
        // Ansible tests "seed is None", so seed=0 and seed='' are seeds
        PyRandom random = seed == null || seed == PyNone.NONE ? unseeded() : new PyRandom(seed);
        if (isInt(value)) {
            // ... but "not start" and "not step", so 0 means the default for those
            long from = Templar.truthy(start) ? integer(start) : 0;
            long by = Templar.truthy(step) ? integer(step) : 1;
            long picked = random.randrange(from, integer(value), by);
            return picked >= Integer.MIN_VALUE && picked <= Integer.MAX_VALUE ? (Object) (int) picked : picked;
        }
        if (value instanceof List<?> || value instanceof String) {
            if (Templar.truthy(start) || Templar.truthy(step)) {
                throw new TemplateException("start and step can only be used with integer values");
            }
            return random.choice(elements(value));
        }
        throw new TemplateException("random can only be used on sequences and integers");
    }

    /** {@code shuffle(seed=None)}: a shuffled copy; a seed Python cannot use leaves the list as it was, as Ansible's does. */
    static List<Object> shuffle(Object value, Object[] args, Map<String, Object> kwargs) {
        Object seed = FilterValues.arg(args, 0, kwargs.get("seed"));
        List<Object> items = elements(value);
        try {
            // Ansible tests "if seed", so a falsy seed shuffles at random
            (Templar.truthy(seed) ? new PyRandom(seed) : unseeded()).shuffle(items);
        } catch (TemplateException e) {
            return elements(value);
        }
        return items;
    }

    private static PyRandom unseeded() {
        return new PyRandom(ENTROPY.nextLong());
    }

    private static boolean isInt(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof Boolean;
    }

    private static long integer(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new TemplateException("random: '" + value + "' is not an integer");
    }

    /** Python's list(value): a string's characters, a dict's keys, a list's items. */
    private static List<Object> elements(Object value) {
        if (value instanceof String text) {
            List<Object> chars = new ArrayList<>();
            text.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
            return chars;
        }
        return new ArrayList<>(FilterValues.list(value));
    }
}

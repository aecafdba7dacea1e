package dev.playbake.template;

import jinjava.javax.el.ELContext;

import java.util.Map;
import java.util.Optional;

/**
 * Remembers the name of the value last found undefined (a variable, or a key a dict lacks), which Jinja2's
 * Undefined carries and Ansible's {@code mandatory} names; jinjava's null carries nothing. Resolves nothing.
 */
final class UndefinedNames extends ReadOnlyResolver {

    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    static void missed(String name) {
        LAST.set(name);
    }

    static void forget() {
        LAST.remove();
    }

    static Optional<String> last() {
        return Optional.ofNullable(LAST.get());
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof Map<?, ?> map && property != null && !(base instanceof LazyVarsMap)
                && !map.containsKey(String.valueOf(property))) {
            missed(String.valueOf(property));
        }
        return null;
    }
}

package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import com.hubspot.jinjava.lib.filter.DefaultFilter;

import java.util.Map;

/**
 * Jinja2's {@code default(value, true)} (and {@code d}): None is falsy, so it is replaced too.
 * jinjava's filter takes playbake's None for a value; everything else is left to it.
 */
final class NoneDefaultFilter implements AdvancedFilter {

    private final DefaultFilter jinjava = new DefaultFilter();
    private final String name;

    NoneDefaultFilter(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object truthy = args.length > 1 ? args[1] : kwargs.get("boolean");
        if (var == PyNone.NONE && truthy != null && Templar.truthy(Templar.toJava(truthy))) {
            return args.length > 0 ? args[0] : kwargs.get("default_value");
        }
        return jinjava.filter(var, interpreter, args, kwargs);
    }
}

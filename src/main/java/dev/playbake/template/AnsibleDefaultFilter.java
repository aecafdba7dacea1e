package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;

import java.util.Map;

/**
 * Jinja2's {@code default} (and {@code d}) as Ansible uses it: the fallback replaces an undefined
 * value, or with {@code boolean=true} any falsy one (None included), and keeps its own type;
 * jinjava's filter made {@code default(false)} the text "false", which is true.
 */
final class AnsibleDefaultFilter implements AdvancedFilter {

    private final String name;

    AnsibleDefaultFilter(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object fallback = args.length > 0 ? args[0] : kwargs.getOrDefault("default_value", "");
        Object onFalsy = args.length > 1 ? args[1] : kwargs.getOrDefault("boolean", false);
        if (var == null || Templar.truthy(Templar.toJava(onFalsy)) && !Templar.truthy(var)) {
            return fallback;
        }
        return var;
    }
}

package dev.playbake.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jinja2's global functions that jinjava lacks: {@code dict(a=1)}, {@code dict(pairs)}. */
public final class JinjaGlobals {

    private JinjaGlobals() {
    }

    static void register(Context context) {
        context.registerFunction(new ELFunctionDefinition("", "dict", JinjaGlobals.class, "dict", Object[].class));
    }

    /** Python's dict(): a mapping or a list of pairs, then the keyword arguments over it. */
    public static Map<String, Object> dict(Object... arguments) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object argument : arguments) {
            if (argument instanceof NamedParameter named) {
                result.put(named.getName(), Templar.toJava(named.getValue()));
            } else if (Templar.toJava(argument) instanceof Map<?, ?> map) {
                map.forEach((k, v) -> result.put(String.valueOf(k), v));
            } else if (Templar.toJava(argument) instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                        throw new TemplateException("dict(): each element must be a pair, got " + pair);
                    }
                    result.put(String.valueOf(kv.get(0)), kv.get(1));
                }
            } else {
                throw new TemplateException("dict(): cannot make a dict of " + argument);
            }
        }
        return result;
    }
}

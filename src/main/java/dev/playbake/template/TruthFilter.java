package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's {@code select} and {@code reject} given no test: they keep (or drop) the truthy items.
 * With a test, jinjava's own filter runs.
 */
final class TruthFilter implements AdvancedFilter {

    private final AdvancedFilter jinjava;
    private final boolean keepTruthy;

    TruthFilter(AdvancedFilter jinjava, boolean keepTruthy) {
        this.jinjava = jinjava;
        this.keepTruthy = keepTruthy;
    }

    @Override
    public String getName() {
        return jinjava.getName();
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        if (args.length > 0) {
            return jinjava.filter(var, interpreter, args, kwargs);
        }
        List<Object> kept = new ArrayList<>();
        for (Object item : FilterValues.list(Templar.toJava(var))) {
            if (Templar.truthy(item) == keepTruthy) {
                kept.add(item);
            }
        }
        return kept;
    }
}

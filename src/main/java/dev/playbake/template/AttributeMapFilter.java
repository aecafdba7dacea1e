package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import com.hubspot.jinjava.lib.filter.MapFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's {@code map}: jinjava's, plus the {@code default} keyword that {@code map(attribute=…)}
 * takes in Jinja2 for items that lack the attribute (loop results without {@code skipped}, say).
 */
final class AttributeMapFilter implements AdvancedFilter {

    private final MapFilter jinjava = new MapFilter();

    @Override
    public String getName() {
        return "map";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        if (!kwargs.containsKey("attribute") || !kwargs.containsKey("default")) {
            return jinjava.filter(var, interpreter, args, kwargs);
        }
        Object fallback = kwargs.get("default");
        List<Object> mapped = new ArrayList<>();
        for (Object item : FilterValues.list(Templar.toJava(var))) {
            Object value = JinjaCollectionFilters.attribute(item, kwargs.get("attribute"), fallback);
            mapped.add(value == JinjaCollectionFilters.Missing.VALUE ? fallback : value);
        }
        return mapped;
    }
}

package dev.playbake.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.filter.Filter;

import java.util.ArrayList;
import java.util.List;

/** Ansible's own filters (and the Jinja2 ones whose jinjava versions differ from Python's), by group. */
final class AnsibleFilters {

    private AnsibleFilters() {
    }

    static void register(Context context) {
        List<Filter> filters = new ArrayList<>();
        filters.addAll(FormatFilters.filters());
        filters.addAll(YamlFilters.filters());
        filters.addAll(TextFilters.filters());
        filters.addAll(CollectionFilters.filters());
        filters.add(JsonQueryFilter.filter());
        filters.addAll(IpFilters.filters());
        filters.addAll(JinjaStringFilters.filters());
        filters.addAll(JinjaFormatFilters.filters());
        filters.addAll(JinjaCollectionFilters.filters());
        filters.forEach(context::registerFilter);
        context.registerFilter(new AttributeMapFilter());
        context.registerFilter(new MandatoryFilter());
        context.registerFilter(new AnsibleDefaultFilter("default"));
        context.registerFilter(new AnsibleDefaultFilter("d"));
        context.registerFilter(new TruthFilter(new com.hubspot.jinjava.lib.filter.SelectFilter(), true));
        context.registerFilter(new TruthFilter(new com.hubspot.jinjava.lib.filter.RejectFilter(), false));
    }
}

package dev.playbake.template;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A read-only view of variables ({@code vars}, {@code hostvars[host]}) that renders each entry only
 * when it is read, so one broken variable does not break every template that touches the view.
 */
public final class LazyVarsMap extends AbstractMap<String, Object> {

    private final Supplier<Set<String>> names;
    private final Variables source;
    private final Templar templar;

    public LazyVarsMap(Supplier<Set<String>> names, Variables source, Templar templar) {
        this.names = names;
        this.source = source;
        this.templar = templar;
    }

    @Override
    public Object get(Object key) {
        return source.raw(String.valueOf(key)).map(raw -> templar.template(raw, source)).orElse(null);
    }

    @Override
    public boolean containsKey(Object key) {
        return source.raw(String.valueOf(key)).isPresent();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (String name : new LinkedHashSet<>(names.get())) {
            try {
                rendered.put(name, get(name));
            } catch (TemplateException e) {
                rendered.put(name, null);  // an entry that cannot render is skipped when listing, as Ansible's lazy view would not fail here
            }
        }
        return rendered.entrySet();
    }
}

package dev.playbake.engine;

import dev.playbake.python.PyNone;
import dev.playbake.template.Variables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The variables a task sees: raw layers, highest precedence first, looked up lazily by the templar.
 * A layer is a map of unrendered values; {@code magic} answers the names Ansible computes itself.
 */
public final class Scope implements Variables {

    private final List<Map<String, Object>> layers;
    private final Function<String, Optional<Object>> magic;

    public Scope(List<Map<String, Object>> layers, Function<String, Optional<Object>> magic) {
        this.layers = List.copyOf(layers);
        this.magic = magic;
    }

    @Override
    public Optional<Object> raw(String name) {
        for (Map<String, Object> layer : layers) {
            if (layer.containsKey(name)) {
                Object value = layer.get(name);
                return Optional.of(value == null ? PyNone.NONE : value);
            }
        }
        return magic.apply(name);
    }

    /** A scope with one more layer on top. */
    public Scope with(Map<String, Object> top) {
        List<Map<String, Object>> more = new ArrayList<>();
        more.add(top);
        more.addAll(layers);
        return new Scope(more, magic);
    }

    /**
     * Every name a layer defines (magic names excluded), lowest precedence first: the order of Ansible's
     * variables dict, which adds each source's new names after the earlier sources'.
     */
    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            names.addAll(layers.get(i).keySet());
        }
        return names;
    }
}

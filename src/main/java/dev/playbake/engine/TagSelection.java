package dev.playbake.engine;

import java.util.List;
import java.util.Set;

/**
 * {@code --tags} and {@code --skip-tags}: which tasks run. {@code always} runs unless skipped by
 * name, {@code never} only when asked for.
 */
public record TagSelection(Set<String> only, Set<String> skip) {

    public static final TagSelection ALL = new TagSelection(Set.of(), Set.of());

    public boolean selects(List<String> tags) {
        if (tags.stream().anyMatch(skip::contains)) {
            return false;
        }
        if (tags.contains("always")) {
            return true;
        }
        if (only.isEmpty() || only.contains("all")) {
            return !tags.contains("never") || only.contains("never");
        }
        if (only.contains("tagged") && !tags.isEmpty()) {
            return true;
        }
        if (only.contains("untagged") && tags.isEmpty()) {
            return true;
        }
        return tags.stream().anyMatch(only::contains);
    }
}

package dev.playbake.compat;

import dev.playbake.engine.TagSelection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A case's {@code tags} file: {@code --tags a,b --skip-tags c} as one line, handed to
 * {@code ansible-playbook} as options and to the engine as a {@link TagSelection}.
 */
record CaseTags(List<String> options, TagSelection selection) {

    static CaseTags of(Path caseDir) throws IOException {
        Path file = caseDir.resolve("tags");
        if (!Files.exists(file)) {
            return new CaseTags(List.of(), TagSelection.ALL);
        }
        List<String> options = List.of(Files.readString(file).trim().split("\\s+"));
        Set<String> only = new LinkedHashSet<>();
        Set<String> skip = new LinkedHashSet<>();
        for (int i = 0; i + 1 < options.size(); i += 2) {
            switch (options.get(i)) {
                case "--tags" -> only.addAll(List.of(options.get(i + 1).split(",")));
                case "--skip-tags" -> skip.addAll(List.of(options.get(i + 1).split(",")));
                default -> throw new IllegalArgumentException(file + ": only --tags and --skip-tags, got " + options.get(i));
            }
        }
        return new CaseTags(new ArrayList<>(options), new TagSelection(Set.copyOf(only), Set.copyOf(skip)));
    }
}

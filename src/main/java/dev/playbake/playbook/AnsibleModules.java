package dev.playbake.playbook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The module and action names the reference Ansible resolves (ansible-core 2.14 with the collections of Debian's
 * ansible package), read from the list {@code scripts/ansible-module-names} generates from an installed Ansible.
 * Ansible refuses a play naming anything else before it runs; a task naming one of these is only looked up when
 * it runs, so under a false {@code when} it is skipped.
 */
public final class AnsibleModules {

    private static final Set<String> NAMES = load();

    private AnsibleModules() {
    }

    /**
     * Whether Ansible resolves the module a task names as written: a qualified name its collection has, a short
     * name Ansible's own modules (with 2.14's redirects) or a collection of the task's search list has. A short
     * name only a collection has (community.general's {@code pipx}) needs that collection listed.
     */
    public static boolean resolves(String written, List<String> collections) {
        if (written.contains(".")) {
            return NAMES.contains(written.startsWith("ansible.legacy.")
                    ? "ansible.builtin." + written.substring("ansible.legacy.".length()) : written);
        }
        return qualified(written, collections.isEmpty() ? List.of("ansible.builtin") : collections).isPresent();
    }

    /**
     * The action a task's module name means, normalised: a short name is looked up in each collection of the
     * task's search list in order, as ansible-core's plugin loader does ({@code ansible.legacy} and
     * {@code ansible.builtin} are Ansible's own names with its redirects); a qualified name, or one no listed
     * collection has, is the name as written.
     */
    static String resolve(String written, List<String> collections) {
        if (!written.contains(".")) {
            return PlaybookParser.normalizeAction(qualified(written, collections).orElse(written));
        }
        return PlaybookParser.normalizeAction(written);
    }

    /** The qualified name of the first collection in the list that has a short name. */
    private static Optional<String> qualified(String shortName, List<String> collections) {
        return collections.stream()
                .map(collection -> (CollectionSearch.isAnsibles(collection) ? "ansible.builtin" : collection)
                        + "." + shortName)
                .filter(NAMES::contains).findFirst();
    }

    private static Set<String> load() {
        Set<String> names = new HashSet<>();
        try (InputStream in = Objects.requireNonNull(AnsibleModules.class.getResourceAsStream("ansible-modules.txt"));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String collection = "";
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("[")) {
                    collection = line.substring(1, line.length() - 1) + ".";
                    continue;
                }
                names.add(collection + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}

package dev.playbake.engine;

import dev.playbake.playbook.PlaybookParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The module and action names the reference Ansible resolves (ansible-core 2.14 with the collections of Debian's
 * ansible package), read from the list {@code scripts/ansible-module-names} generates from an installed Ansible.
 * Ansible refuses a play naming anything else before it runs; a task naming one of these is only looked up when
 * it runs, so under a false {@code when} it is skipped.
 */
final class AnsibleModules {

    private static final Set<String> NAMES = load();

    private AnsibleModules() {
    }

    /** Whether Ansible resolves the action a task names (its short name as the parser normalised it). */
    static boolean knows(String action) {
        return NAMES.contains(action);
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
                String fqcn = collection + line;
                names.add(fqcn);
                names.add(PlaybookParser.normalizeAction(fqcn));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}

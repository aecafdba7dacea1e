package dev.playbake.modules.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the transaction table {@code dnf --assumeno} prints, for check mode: the packages it would install
 * and remove, as Ansible's results lines. dnf wraps a long row onto indented continuation lines.
 */
final class DnfTransactionTable {

    private DnfTransactionTable() {
    }

    /** Results lines ({@code Installed: n-v-r.a}, {@code Removed: …}) of the table in dnf's output (LC_ALL=C). */
    static List<String> results(String output) {
        List<String> results = new ArrayList<>();
        String action = null;
        List<String> row = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith(" ") && action != null) {
                // a row starts with one space; a wrapped row's rest is indented further
                if (!line.startsWith("  ")) {
                    add(results, action, row);
                    row.clear();
                }
                row.addAll(List.of(line.strip().split("\\s+")));
                continue;
            }
            add(results, action, row);
            row.clear();
            action = line.endsWith(":") ? action(line) : null;
        }
        add(results, action, row);
        return results;
    }

    /** Which results word a section header means: Installing…, Upgrading, Downgrading, Reinstalling install. */
    private static String action(String header) {
        if (header.startsWith("Installing") || header.startsWith("Upgrading") || header.startsWith("Downgrading")
                || header.startsWith("Reinstalling")) {
            return "Installed";
        }
        return header.startsWith("Removing") ? "Removed" : null;
    }

    private static void add(List<String> results, String action, List<String> row) {
        // name, architecture, version: the rest (repository, size) is not part of the package's name
        if (action != null && row.size() >= 3) {
            results.add(action + ": " + row.get(0) + "-" + row.get(2) + "." + row.get(1));
        }
    }
}

package dev.playbake.modules.system;

import dev.playbake.python.PyStrings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Edits of /etc/fstab's lines as ansible.posix.mount makes them on Linux. */
final class Fstab {

    private Fstab() {
    }

    /** The file's lines, each ending in a newline (Ansible adds one to a last line without). */
    static List<String> lines(String text) {
        return PyStrings.linesKeepingEnds(text).stream().map(l -> l.endsWith("\n") ? l : l + "\n").toList();
    }

    /** fstab's escapes of a space, an ampersand and a backslash. */
    static String escape(String value) {
        return value.replace("\\", "\\134").replace(" ", "\\040").replace("&", "\\046");
    }

    /** The lines with the entry added or its line rewritten; empty when the file has it already. */
    static Optional<List<String>> set(List<String> lines, MountModule.FstabEntry entry) {
        List<String> wanted = entry.fields();
        List<String> out = new ArrayList<>();
        boolean exists = false;
        boolean changed = false;
        for (String line : lines) {
            List<String> fields = PyStrings.split(line, "");
            if (line.isBlank() || line.strip().startsWith("#") || fields.size() < 4 || fields.size() > 6
                    || !isEntry(fields, wanted.get(1), Optional.of(entry.src()))) {
                out.add(line);
                continue;
            }
            exists = true;
            // a missing dump or passno is Python's int 0 to Ansible, never equal to the argument's '0': rewritten
            boolean differs = fields.size() < 6;
            for (int i = 0; i < fields.size(); i++) {
                differs |= i != 1 && !fields.get(i).equals(wanted.get(i));
            }
            changed |= differs;
            out.add(differs ? String.join(" ", wanted) + "\n" : line);
        }
        if (!exists) {
            out.add(String.join(" ", wanted) + "\n");
            changed = true;
        }
        return changed ? Optional.of(out) : Optional.empty();
    }

    /** The lines without the entry of {@code name}; empty when the file has none. */
    static Optional<List<String>> unset(List<String> lines, String name, Optional<String> src) {
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (String line : lines) {
            List<String> fields = PyStrings.split(line, "");
            if (line.isBlank() || line.strip().startsWith("#") || fields.size() != 6
                    || !isEntry(fields, escape(name), src)) {
                out.add(line);
                continue;
            }
            changed = true;
        }
        return changed ? Optional.of(out) : Optional.empty();
    }

    /** The line is the entry for this mount point; swap lines (all named none) are told apart by their source. */
    private static boolean isEntry(List<String> fields, String escapedName, Optional<String> src) {
        if (!fields.get(1).equals(escapedName)) {
            return false;
        }
        boolean swap = fields.get(1).equals("none") && fields.get(2).equals("swap");
        return !(swap && src.isPresent() && !src.get().isEmpty() && !fields.get(0).equals(src.get()));
    }
}

package dev.playbake.compat;

import java.util.ArrayList;
import java.util.List;

/** Shows where two texts part: the lines that differ, with newlines and tabs made visible. */
final class ContentDiff {

    private static final int MAX_LINES = 12;
    /** A line is cut here: a binary file (a database, a keystore) can be one "line" of megabytes. */
    private static final int MAX_WIDTH = 160;

    private ContentDiff() {
    }

    static List<String> lines(String ansible, String playbake) {
        if (ansible.indexOf('\0') >= 0 || playbake.indexOf('\0') >= 0) {
            return List.of("    binary content differs (" + ansible.length() + " and " + playbake.length() + " chars)");
        }
        String[] left = ansible.split("\n", -1);
        String[] right = playbake.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.max(left.length, right.length) && out.size() < MAX_LINES; i++) {
            String l = i < left.length ? left[i] : "<none>";
            String r = i < right.length ? right[i] : "<none>";
            if (!l.equals(r)) {
                out.add("    line " + (i + 1) + " ansible : " + visible(l));
                out.add("    line " + (i + 1) + " playbake: " + visible(r));
            }
        }
        return out;
    }

    private static String visible(String line) {
        String shown = line.replace("\t", "\\t").replace("\r", "\\r");
        return shown.length() <= MAX_WIDTH ? shown : shown.substring(0, MAX_WIDTH) + "…";
    }
}

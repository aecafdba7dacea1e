package dev.playbake.imagebuild;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a build printed, kept for the failure snippet. Lines are redacted before they arrive. */
final class BuildLog {

    private static final int LINES = 20;
    private final Deque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
        for (String part : line.split("\n")) {
            if (lines.size() == LINES) {
                lines.removeFirst();
            }
            lines.addLast(part.length() > 500 ? part.substring(0, 500) + "…" : part);
        }
    }

    synchronized String tail() {
        return String.join("\n", lines);
    }
}

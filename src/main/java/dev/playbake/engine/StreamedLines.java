package dev.playbake.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The lines one task's commands showed while they ran, so that the task's end does not show them again. */
final class StreamedLines {

    /** One line of output as shown, {@code stderr} telling the stream. */
    record Line(boolean stderr, String text) {
    }

    private final List<Line> streamed = new ArrayList<>();

    synchronized void add(Line line) {
        streamed.add(line);
    }

    /**
     * The result's lines less those already shown. Each streamed line, in order, takes the first equal line of its
     * stream after the one the stream's previous match took; a line that finds none (a helper command's, not in
     * the result) takes nothing, and stays shown only live.
     */
    synchronized List<Line> notStreamed(List<Line> lines) {
        // where each distinct line is in the result, so every streamed line finds its match without a scan
        Map<Line, ArrayDeque<Integer>> positions = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            positions.computeIfAbsent(lines.get(i), line -> new ArrayDeque<>()).add(i);
        }
        boolean[] taken = new boolean[lines.size()];
        int[] next = new int[2];
        for (Line line : streamed) {
            ArrayDeque<Integer> at = positions.get(line);
            int stream = line.stderr() ? 1 : 0;
            while (at != null && !at.isEmpty() && at.peekFirst() < next[stream]) {
                at.pollFirst();
            }
            if (at != null && !at.isEmpty()) {
                int match = at.pollFirst();
                taken[match] = true;
                next[stream] = match + 1;
            }
        }
        List<Line> left = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!taken[i]) {
                left.add(lines.get(i));
            }
        }
        return left;
    }
}

package dev.playbake.operator.reconcile;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The log of one build as it grows, in memory: its first lines and as many of its last ones as fit, with a line
 * where the middle was left out, so a build that prints without end cannot take the operator's heap.
 */
public final class BuildLog {

    /** Characters of the log's beginning that are always kept. */
    static final int HEAD = 64 * 1024;
    /** Characters of the log's end that are kept. */
    static final int TAIL = 4 * 1024 * 1024;

    private final int headLimit;
    private final int tailLimit;
    private final StringBuilder head = new StringBuilder();
    private final Deque<String> tail = new ArrayDeque<>();
    private int tailChars;
    private long dropped;
    private long version;

    public BuildLog() {
        this(HEAD, TAIL);
    }

    BuildLog(int headLimit, int tailLimit) {
        this.headLimit = headLimit;
        this.tailLimit = tailLimit;
    }

    /** Adds a line (its line end is added here). */
    public synchronized void append(String line) {
        String text = line + "\n";
        version++;
        if (tail.isEmpty() && dropped == 0 && head.length() + text.length() <= headLimit) {
            head.append(text);
            return;
        }
        tail.addLast(text);
        tailChars += text.length();
        while (tailChars > tailLimit && tail.size() > 1) {
            tailChars -= tail.removeFirst().length();
            dropped++;
        }
    }

    /** Grows with every line: a writer compares it with the version it stored last. */
    public synchronized long version() {
        return version;
    }

    /** The whole log as kept. */
    public synchronized String text() {
        return text(Integer.MAX_VALUE);
    }

    /**
     * The log in at most {@code maxChars} characters (and the line saying what was left out): its beginning, up to
     * a quarter of them, then the newest lines that fit.
     */
    public synchronized String text(int maxChars) {
        if (dropped == 0 && head.length() + tailChars <= maxChars) {
            StringBuilder all = new StringBuilder(head);
            tail.forEach(all::append);
            return all.toString();
        }
        String start = head.length() <= maxChars / 4 ? head.toString() : head.substring(0, lastLineEnd(head, maxChars / 4));
        long left = dropped + lines(head.substring(start.length()));
        int room = maxChars - start.length();
        Deque<String> end = new ArrayDeque<>();
        for (var it = tail.descendingIterator(); it.hasNext(); ) {
            String line = it.next();
            if (line.length() > room) {
                left++;
                while (it.hasNext()) {
                    it.next();
                    left++;
                }
                break;
            }
            end.addFirst(line);
            room -= line.length();
        }
        StringBuilder out = new StringBuilder(start);
        if (left > 0) {
            out.append("[... ").append(left).append(" line(s) left out ...]\n");
        }
        end.forEach(out::append);
        return out.toString();
    }

    /** Where the last whole line within the first {@code max} characters ends. */
    private static int lastLineEnd(CharSequence text, int max) {
        for (int i = Math.min(max, text.length()) - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static long lines(String text) {
        return text.chars().filter(c -> c == '\n').count();
    }
}

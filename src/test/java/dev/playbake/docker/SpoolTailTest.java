package dev.playbake.docker;

import dev.playbake.connection.ConnectionException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A running command's spool files read in pieces: only complete lines go on, each once, whatever the cuts. */
class SpoolTailTest {

    @Test
    void aLineOrACharacterCutBetweenReadsComesWholeOnceComplete() {
        byte[] text = "grüße\r\nsecond".getBytes(StandardCharsets.UTF_8);
        LineSplitter splitter = new LineSplitter();
        List<String> lines = new ArrayList<>();
        // every byte alone: the ü and ß are cut in the middle
        for (byte b : text) {
            lines.addAll(splitter.add(new byte[] {b}));
        }
        assertEquals(List.of("grüße"), lines);
        assertEquals(List.of("second", "", "third"), splitter.add("\n\nthird\nfour".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachPollReadsPastWhatWasReadAndHandsOnTheNewLines() {
        // the two files as the command writes them, one state per poll
        Deque<String[]> states = new ArrayDeque<>(List.<String[]>of(
                new String[] {"one", ""},
                new String[] {"one\ntwo\nthr", "warn\n"},
                new String[] {"one\ntwo\nthr", "warn\n"},
                new String[] {"one\ntwo\nthree\n", "warn\n"}));
        List<String> offsets = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        SpoolTail.Reader reader = (outFile, outFrom, errFile, errFrom) -> {
            offsets.add(outFile + "@" + outFrom + " " + errFile + "@" + errFrom);
            String[] state = states.pop();
            return new SpoolTail.Spooled(past(state[0], outFrom), past(state[1], errFrom));
        };
        SpoolTail tail = new SpoolTail(reader, "o", "e", (stderr, line) -> seen.add((stderr ? "! " : "| ") + line));
        assertTrue(tail.poll());
        assertEquals(List.of(), seen, "one has no line end yet");
        assertTrue(tail.poll());
        assertEquals(List.of("| one", "| two", "! warn"), seen);
        assertTrue(tail.poll());
        assertEquals(List.of("| one", "| two", "! warn"), seen, "nothing new");
        assertTrue(tail.poll());
        assertEquals(List.of("| one", "| two", "! warn", "| three"), seen);
        assertEquals(List.of("o@0 e@0", "o@3 e@0", "o@11 e@5", "o@11 e@5"), offsets);
    }

    @Test
    void aReadThatFailsStopsTheTailWithoutFailingTheCommand() {
        SpoolTail tail = new SpoolTail((o, of, e, ef) -> {
            throw new ConnectionException("exec failed");
        }, "o", "e", (stderr, line) -> { });
        assertFalse(tail.poll());
    }

    private static byte[] past(String text, long from) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOfRange(all, (int) from, all.length);
    }
}

package dev.playbake.engine;

import dev.playbake.engine.StreamedLines.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a task's end still shows of its result once some of its lines were streamed. */
class StreamedLinesTest {

    private static Line out(String text) {
        return new Line(false, text);
    }

    private static Line err(String text) {
        return new Line(true, text);
    }

    private static List<Line> left(List<Line> streamed, List<Line> result) {
        StreamedLines lines = new StreamedLines();
        streamed.forEach(lines::add);
        return lines.notStreamed(result);
    }

    @Test
    void nothingStreamedLeavesEveryLine() {
        List<Line> result = List.of(out("a"), err("b"));
        assertEquals(result, left(List.of(), result));
    }

    @Test
    void theStreamedBeginningIsNotShownAgain() {
        assertEquals(List.of(out("c"), err("late")),
                left(List.of(out("a"), out("b"), err("warn")), List.of(out("a"), out("b"), out("c"), err("warn"), err("late"))));
    }

    @Test
    void aRepeatedLineIsTakenOncePerTimeItWasStreamed() {
        assertEquals(List.of(out("x"), out("y")),
                left(List.of(out("x"), out("x")), List.of(out("x"), out("x"), out("x"), out("y"))));
    }

    @Test
    void aHelperLineNotInTheResultTakesNothing() {
        // the helper's line was shown live and stays so; the command's own lines still match after it
        assertEquals(List.of(out("c")),
                left(List.of(out("helper"), out("a"), out("b")), List.of(out("a"), out("b"), out("c"))));
    }

    @Test
    void theStreamsAreMatchedApart() {
        // the same text on stderr does not stand for the stdout line
        assertEquals(List.of(out("same")), left(List.of(err("same")), List.of(out("same"), err("same"))));
    }

    @Test
    void matchesGoForwardOnly() {
        // b matched the second line: a streamed after it cannot take the first one, which was never shown
        assertEquals(List.of(out("a"), out("a")), left(List.of(out("b"), out("a")), List.of(out("a"), out("b"), out("a"), out("a"))));
    }

    @Test
    void retriedAttemptsShowEveryLineAtLeastOnceAndNoneTwice() {
        // until/retries: both attempts streamed, the result holds the last one's lines
        assertEquals(List.of(), left(List.of(out("try"), out("no"), out("try"), out("yes")), List.of(out("try"), out("yes"))));
    }

    @Test
    @Timeout(10)
    void manyLinesMatchWithoutAScanPerLine() {
        List<Line> result = new ArrayList<>();
        List<Line> streamed = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            result.add(out(String.valueOf(i % 7)));
            // helper lines found nowhere, between the real ones
            streamed.add(out("helper " + i));
            if (i < 199_000) {
                streamed.add(out(String.valueOf(i % 7)));
            }
        }
        assertEquals(1000, left(streamed, result).size());
    }
}

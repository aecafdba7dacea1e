package dev.playbake.operator.reconcile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A build log keeps its beginning and its end and says what it left out between them. */
class BuildLogTest {

    @Test
    void aShortLogIsKeptWhole() {
        BuildLog log = new BuildLog(20, 100);
        for (int i = 0; i < 10; i++) {
            log.append("line " + i);
        }

        assertEquals("line 0\nline 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\n", log.text());
        assertEquals(10, log.version());
    }

    @Test
    void aLogPastItsBoundKeepsTheFirstAndTheNewestLines() {
        BuildLog log = new BuildLog(14, 24);
        for (int i = 0; i < 100; i++) {
            log.append("line " + i);
        }

        assertEquals("line 0\nline 1\n[... 95 line(s) left out ...]\nline 97\nline 98\nline 99\n", log.text());
    }

    @Test
    void aShorterTextCutsTheMiddleAndCountsWhatItLeftOut() {
        BuildLog log = new BuildLog(1000, 10_000);
        for (int i = 0; i < 1000; i++) {
            log.append("line " + i);
        }

        String cut = log.text(100);

        assertTrue(cut.startsWith("line 0\nline 1\nline 2\n"), cut);
        assertTrue(cut.endsWith("line 998\nline 999\n"), cut);
        String[] lines = cut.split("\n");
        int kept = lines.length - 1;
        assertTrue(cut.contains("[... " + (1000 - kept) + " line(s) left out ...]"), cut);
        assertTrue(cut.length() <= 100 + 40, cut.length() + " characters");
    }
}

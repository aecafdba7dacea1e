package dev.playbake.compat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentDiffTest {

    @Test
    void showsTheLinesThatDiffer() {
        assertEquals(List.of("    line 2 ansible : b\\tc", "    line 2 playbake: b"), ContentDiff.lines("a\nb\tc\n", "a\nb\n"));
    }

    @Test
    void aBinaryFileIsNamedNotPrinted() {
        assertEquals(List.of("    binary content differs (3 and 3 chars)"), ContentDiff.lines("a\0b", "a\0c"));
    }

    @Test
    void aLongLineIsCut() {
        String line = ContentDiff.lines("x".repeat(100_000), "y").get(0);
        assertTrue(line.length() < 200, line);
        assertTrue(line.endsWith("…"), line);
    }
}

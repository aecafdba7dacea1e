package dev.playbake.modules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandModuleTest {

    @Test
    void linesSplitAsPythonSplitlines() {
        // strip_empty_ends: false keeps the text; stdout_lines is still Python's splitlines()
        assertEquals(List.of("", "", "first", "", "last", "", ""), CommandModule.lines("\n\nfirst\n\nlast\n\n\n"));
        assertEquals(List.of("a", "b"), CommandModule.lines("a\r\nb"));
        assertEquals(List.of("a", "b"), CommandModule.lines("a\rb\n"));
        assertEquals(List.of(""), CommandModule.lines("\n"));
        assertEquals(List.of(), CommandModule.lines(""));
    }
}

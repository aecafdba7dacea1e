package dev.playbake.python;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PyStringsTest {

    @Test
    void linesSplitAsPythonSplitlines() {
        // strip_empty_ends: false keeps the text; stdout_lines is still Python's splitlines()
        assertEquals(List.of("", "", "first", "", "last", "", ""), PyStrings.splitlines("\n\nfirst\n\nlast\n\n\n"));
        assertEquals(List.of("a", "b"), PyStrings.splitlines("a\r\nb"));
        assertEquals(List.of("a", "b"), PyStrings.splitlines("a\rb\n"));
        assertEquals(List.of(""), PyStrings.splitlines("\n"));
        assertEquals(List.of(), PyStrings.splitlines(""));
    }

    @Test
    void getentSplitsAsPythonsStrSplit() {
        assertEquals(List.of("root", "x", "0", "", "/root"), PyStrings.split("root:x:0::/root", ":"));
        assertEquals(List.of("127.0.0.1", "localhost"), PyStrings.split("127.0.0.1       localhost", ""));
    }
}

package dev.playbake.modules;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindModuleTest {

    private static boolean fnmatch(String name, String pattern) {
        return Pattern.compile(FindModule.fnmatch(pattern), Pattern.DOTALL).matcher(name).matches();
    }

    @Test
    void globsMatchAsPythonsFnmatch() {
        assertTrue(fnmatch("a.txt", "*.txt"));
        assertFalse(fnmatch("a.txt.bak", "*.txt"));
        assertTrue(fnmatch("b1.log", "b?.log"));
        assertTrue(fnmatch("c.conf", "[abc].conf"));
        assertFalse(fnmatch("d.conf", "[abc].conf"));
        assertTrue(fnmatch("d.conf", "[!abc].conf"));
        assertTrue(fnmatch("x+y(1).txt", "x+y(1).*"));
        assertTrue(fnmatch("[", "["));
    }

    @Test
    void pathsAreNormalisedAsOsPathNormpath() {
        assertEquals("/opt/f/a", FindModule.normalize("/opt/f//a"));
        assertEquals("/opt/f", FindModule.normalize("/opt/f/"));
        assertEquals("/opt/f/a", FindModule.normalize("/opt/./f/./a"));
    }

    @Test
    void getentSplitsAsPythonsStrSplit() {
        assertEquals(List.of("root", "x", "0", "", "/root"), GetentModule.pySplit("root:x:0::/root", ":"));
        assertEquals(List.of("127.0.0.1", "localhost"), GetentModule.pySplit("127.0.0.1       localhost", ""));
    }
}

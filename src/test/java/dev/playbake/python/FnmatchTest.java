package dev.playbake.python;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FnmatchTest {

    private static boolean fnmatch(String name, String pattern) {
        return Pattern.compile(Fnmatch.translate(pattern), Pattern.DOTALL).matcher(name).matches();
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
}

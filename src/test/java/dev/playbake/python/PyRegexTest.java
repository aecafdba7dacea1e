package dev.playbake.python;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyRegexTest {

    @Test
    void namedGroupsAndReplacementTemplatesWorkAsInPython() {
        PyRegex re = PyRegex.compile("^(?P<key_name>\\w+)=(?P<value>.*)$", Pattern.MULTILINE);
        Matcher m = re.pattern().matcher("port=80");
        assertTrue(m.find());
        assertEquals("port: 80\n", re.expand(m, "\\g<key_name>: \\2\\n"));
        assertEquals("80-port", re.expand(m, "\\g<value>-\\1"));
    }

    @Test
    void backReferencesByName() {
        assertTrue(PyRegex.compile("(?P<w>a)(?P=w)", 0).pattern().matcher("aa").matches());
    }
}

package dev.playbake.playbook;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyValueArgsTest {

    @Test
    void aMultiLineShellScriptKeepsItsLines() {
        Map<String, Object> args = KeyValueArgs.parse("shell", "set -e\necho \"a b\" | tr ' ' '\\n' > /x\n[ -f /x ]\n");
        assertEquals("set -e\necho \"a b\" | tr ' ' '\\n' > /x\n[ -f /x ]", args.get("_raw_params"));
    }

    @Test
    void optionsAreTakenOutAndWordsJoinedByOneSpace() {
        Map<String, Object> args = KeyValueArgs.parse("command", "touch   /opt/a creates=/opt/a\nchdir=/tmp");
        assertEquals(Map.of("_raw_params", "touch /opt/a", "creates", "/opt/a", "chdir", "/tmp"), args);
    }

    @Test
    void quotedValuesKeepTheirNewlines() {
        assertEquals("a\nb", KeyValueArgs.parse("copy", "content='a\nb' dest=/x").get("content"));
    }

    @Test
    void optionValuesDecodePythonEscapesQuotedOrNot() {
        Map<String, Object> args = KeyValueArgs.parse("copy",
                "dest=/f content=\"a\\n\\tb\" other='c\\nd' bare=e\\\\f quote=\"say \\\"hi\\\"\"");
        assertEquals("a\n\tb", args.get("content"));
        assertEquals("c\nd", args.get("other"));
        assertEquals("e\\f", args.get("bare"));
        assertEquals("say \"hi\"", args.get("quote"));
    }

    @Test
    void hexUnicodeAndNamedEscapesAreDecodedOtherBackslashesStay() {
        Map<String, Object> args = KeyValueArgs.parse("lineinfile",
                "line=\\x41\\u00e9\\U0001F600\\N{BULLET} regexp=^\\d+\\.\\s");
        assertEquals("A\u00e9\uD83D\uDE00\u2022", args.get("line"));
        assertEquals("^\\d+\\.\\s", args.get("regexp"));
    }

    @Test
    void freeFormWordsKeepTheirEscapesOptionsDoNot() {
        Map<String, Object> args = KeyValueArgs.parse("shell", "printf 'a\\n' > /x chdir=/tmp\\tx");
        assertEquals("printf 'a\\n' > /x", args.get("_raw_params"));
        assertEquals("/tmp\tx", args.get("chdir"));
    }
}

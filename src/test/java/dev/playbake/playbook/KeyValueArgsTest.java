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
}

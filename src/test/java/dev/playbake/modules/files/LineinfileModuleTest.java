package dev.playbake.modules.files;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineinfileModuleTest {

    @Test
    void aRegexpReplacesTheMatchingLineUnderTheDestAlias() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/ssh/sshd_config",
                "Port 22\nPermitRootLogin yes\nUsePAM yes\n");
        ModuleResult result = ModuleHarness.run("lineinfile", connection, Map.of("dest", "/etc/ssh/sshd_config",
                "regexp", "^PermitRootLogin", "line", "PermitRootLogin no"));
        assertTrue(result.isChanged());
        assertEquals("line replaced", result.values().get("msg"));
        assertEquals("Port 22\nPermitRootLogin no\nUsePAM yes\n", connection.content("/etc/ssh/sshd_config").orElseThrow());
    }

    @Test
    void aLinePresentAlreadyIsOk() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/hosts", "127.0.0.1 localhost\n");
        ModuleResult result = ModuleHarness.run("lineinfile", connection,
                Map.of("path", "/etc/hosts", "line", "127.0.0.1 localhost"));
        assertFalse(result.isChanged());
        assertTrue(connection.puts().isEmpty());
    }

    @Test
    void aNewLineIsAddedAtTheEndAndAbsentRemovesIt() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/environment", "A=1\n");
        ModuleResult added = ModuleHarness.run("lineinfile", connection, Map.of("path", "/etc/environment", "line", "B=2"));
        assertEquals("line added", added.values().get("msg"));
        assertEquals("A=1\nB=2\n", connection.content("/etc/environment").orElseThrow());
        ModuleResult removed = ModuleHarness.run("lineinfile", connection,
                Map.of("path", "/etc/environment", "regexp", "^A=", "state", "absent"));
        assertTrue(removed.isChanged());
        assertEquals("B=2\n", connection.content("/etc/environment").orElseThrow());
    }

    @Test
    void aMissingFileWithoutCreateFails() {
        ModuleResult result = ModuleHarness.run("lineinfile", ModuleHarness.connection(),
                Map.of("path", "/etc/nothere", "line", "x"));
        assertTrue(result.isFailed());
        assertEquals("Destination /etc/nothere does not exist !", result.values().get("msg"));
    }
}

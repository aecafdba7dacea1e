package dev.playbake.modules.files;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileModuleRunTest {

    @Test
    void aMissingDirectoryIsMadeLevelByLevel() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult result = ModuleHarness.run("file", connection, Map.of("name", "/opt/app", "state", "directory"));
        assertTrue(result.isChanged(), result::toString);
        assertEquals("/opt/app", result.values().get("path"));
        String script = connection.commands().get(1);
        assertTrue(script.contains("if [ ! -d /opt ]; then mkdir /opt") && script.contains("mkdir /opt/app"), script);
    }

    @Test
    void anExistingDirectoryIsOkAndAFileInTheWayFails() {
        RecordingConnection connection = ModuleHarness.connection("/srv").file("/etc/app", "x");
        assertFalse(ModuleHarness.run("file", connection, Map.of("path", "/srv", "state", "directory")).isChanged());
        ModuleResult clash = ModuleHarness.run("file", connection, Map.of("path", "/etc/app", "state", "directory"));
        assertTrue(clash.isFailed());
        assertEquals("There was an issue creating /etc/app as requested: [Errno 17] File exists: '/etc/app'",
                clash.values().get("msg"));
    }

    @Test
    void absentRemovesWhatExistsAndIsOkOtherwise() {
        RecordingConnection connection = ModuleHarness.connection().file("/tmp/junk", "x");
        ModuleResult removed = ModuleHarness.run("file", connection, Map.of("path", "/tmp/junk", "state", "absent"));
        assertTrue(removed.isChanged());
        assertTrue(connection.commands().contains("/bin/sh -c rm -rf /tmp/junk"), () -> String.join("\n", connection.commands()));
        ModuleResult nothing = ModuleHarness.run("file", ModuleHarness.connection(), Map.of("path", "/tmp/junk", "state", "absent"));
        assertFalse(nothing.isChanged());
        assertEquals("absent", nothing.values().get("state"));
    }
}

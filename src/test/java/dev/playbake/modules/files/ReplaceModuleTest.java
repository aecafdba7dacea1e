package dev.playbake.modules.files;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplaceModuleTest {

    @Test
    void everyMatchIsReplacedWithBackReferencesAndTheCountIsReported() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/app.conf", "host=a\nport=1\nhost=b\n");
        ModuleResult result = ModuleHarness.run("replace", connection, Map.of("path", "/etc/app.conf",
                "regexp", "^host=(\\w)$", "replace", "host=\\1.example"));
        assertTrue(result.isChanged(), result::toString);
        assertEquals("2 replacements made", result.values().get("msg"));
        assertEquals("host=a.example\nport=1\nhost=b.example\n", connection.content("/etc/app.conf").orElseThrow());
    }

    @Test
    void noMatchChangesNothingAndRegexpIsRequired() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/app.conf", "port=1\n");
        ModuleResult result = ModuleHarness.run("replace", connection, Map.of("destfile", "/etc/app.conf",
                "regexp", "^host=", "replace", "x"));
        assertFalse(result.isChanged());
        assertTrue(connection.puts().isEmpty());
        assertEquals("missing required arguments: regexp", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("replace", connection, Map.of("path", "/etc/app.conf"))).getMessage());
    }
}

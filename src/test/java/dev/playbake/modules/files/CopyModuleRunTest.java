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

class CopyModuleRunTest {

    @Test
    void contentIsWrittenOnceAndTheSecondRunChangesNothing() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult first = ModuleHarness.run("copy", connection, Map.of("content", "hello\n", "dest", "/etc/motd"));
        assertTrue(first.isChanged(), first::toString);
        assertEquals("hello\n", connection.content("/etc/motd").orElseThrow());
        assertEquals("/etc/motd", first.values().get("dest"));
        int puts = connection.puts().size();
        ModuleResult second = ModuleHarness.run("copy", connection, Map.of("content", "hello\n", "dest", "/etc/motd"));
        assertFalse(second.isChanged(), second::toString);
        assertEquals(puts, connection.puts().size(), "an identical file is not written again");
    }

    @Test
    void checkModeReportsTheChangeAndWritesNothing() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult result = ModuleHarness.run("copy", connection, Map.of("content", "x", "dest", "/etc/x"), true);
        assertTrue(result.isChanged());
        assertTrue(connection.puts().isEmpty());
    }

    @Test
    void contentAndSrcTogetherAndNeitherAreRefusedBeforeAnythingRuns() {
        RecordingConnection connection = ModuleHarness.connection();
        assertEquals("parameters are mutually exclusive: content|src", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("copy", connection, Map.of("content", "x", "src", "x", "dest", "/x"))).getMessage());
        assertEquals("missing required arguments: dest", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("copy", connection, Map.of("content", "x"))).getMessage());
        assertEquals(0, connection.execCount());
    }
}

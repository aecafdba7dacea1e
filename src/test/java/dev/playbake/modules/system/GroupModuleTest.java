package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
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

class GroupModuleTest {

    @Test
    void aMissingGroupIsAddedWithItsGidAndSystemFlag() {
        int[] probes = {0};
        RecordingConnection connection = new RecordingConnection()
                .reply("grep '\\^deploy:'", request -> new ExecResult(0, probes[0]++ == 0 ? "" : "1500\n", ""));
        ModuleResult result = ModuleHarness.run("group", connection, Map.of("name", "deploy", "gid", "1500",
                "system", "yes"));
        assertTrue(result.isChanged());
        assertTrue(connection.commands().stream().anyMatch(c -> c.endsWith("groupadd -g 1500 -r deploy")),
                () -> String.join("\n", connection.commands()));
        assertEquals(1500, result.values().get("gid"));
        assertEquals(true, result.values().get("system"));
    }

    @Test
    void anExistingGroupIsOkAndAbsentDeletesIt() {
        RecordingConnection connection = new RecordingConnection()
                .reply("grep '\\^staff:'", new ExecResult(0, "50\n", ""));
        assertFalse(ModuleHarness.run("group", connection, Map.of("name", "staff")).isChanged());
        assertTrue(connection.commands().stream().noneMatch(c -> c.contains("groupadd")));
        ModuleResult removed = ModuleHarness.run("group", connection, Map.of("name", "staff", "state", "absent"));
        assertTrue(removed.isChanged());
        assertTrue(connection.commands().contains("/bin/sh -c groupdel staff"), () -> String.join("\n", connection.commands()));
    }

    @Test
    void aGidThatIsNoIntegerIsRefusedBeforeAnythingRuns() {
        RecordingConnection connection = new RecordingConnection();
        assertEquals("argument 'gid' must be an integer, not 'abc'", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("group", connection, Map.of("name", "x", "gid", "abc"))).getMessage());
        assertEquals(0, connection.execCount());
    }
}

package dev.playbake.modules.commands;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandModuleTest {

    @Test
    void commandSplitsItsLineIntoArgvWithoutAShellAndReportsChanged() {
        RecordingConnection connection = new RecordingConnection().reply("^echo", new ExecResult(0, "a b\n\n", ""));
        ModuleResult result = ModuleHarness.run("command", connection, Map.of("_raw_params", "echo 'a b'"));
        assertEquals(List.of("echo", "a b"), connection.execs().get(0).argv());
        assertTrue(result.isChanged());
        assertEquals("a b", result.values().get("stdout"));
        assertEquals(List.of("a b"), result.values().get("stdout_lines"));
        assertEquals(List.of("echo", "a b"), result.values().get("cmd"));
        assertEquals(0, result.values().get("rc"));
    }

    @Test
    void shellRunsTheTextThroughShAndANonZeroExitFails() {
        RecordingConnection connection = new RecordingConnection().reply("false", new ExecResult(3, "", "boom\n"));
        ModuleResult result = ModuleHarness.run("shell", connection, Map.of("_raw_params", "false | cat"));
        assertEquals(List.of("/bin/sh", "-c", "false | cat"), connection.execs().get(0).argv());
        assertTrue(result.isFailed());
        assertEquals("non-zero return code", result.values().get("msg"));
        assertEquals(3, result.values().get("rc"));
        assertEquals("boom", result.values().get("stderr"));
    }

    @Test
    void createsThatExistsSkipsTheCommandAsOk() {
        RecordingConnection connection = new RecordingConnection()
                .reply("/etc/done", request -> new ExecResult(0, "__playbake_not_run__ creates\n", ""));
        ModuleResult result = ModuleHarness.run("command", connection,
                Map.of("_raw_params", "touch /etc/done", "creates", "/etc/done"));
        assertFalse(result.isChanged());
        assertEquals("Did not run command since '/etc/done' exists", result.values().get("msg"));
        assertEquals(1, connection.execCount());
    }

    @Test
    void checkModeRunsNothing() {
        RecordingConnection connection = new RecordingConnection();
        ModuleResult result = ModuleHarness.run("command", connection, Map.of("_raw_params", "rm -rf /"), true);
        assertEquals(0, connection.execCount());
        assertEquals(true, result.values().get("skipped"));
        assertEquals("Command would have run if not in check mode", result.values().get("msg"));
    }
}

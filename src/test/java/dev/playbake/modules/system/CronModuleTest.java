package dev.playbake.modules.system;

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

class CronModuleTest {

    @Test
    void aJobInACronFileIsWrittenUnderItsMarkerOnce() {
        RecordingConnection connection = ModuleHarness.connection("/etc/cron.d");
        Map<String, Object> args = Map.of("name", "backup", "minute", "0", "hour", "3", "user", "root",
                "job", "/usr/local/bin/backup", "cron_file", "backup");
        ModuleResult result = ModuleHarness.run("cron", connection, args);
        assertTrue(result.isChanged(), result::toString);
        assertEquals("#Ansible: backup\n0 3 * * * root /usr/local/bin/backup\n",
                connection.content("/etc/cron.d/backup").orElseThrow());
        assertFalse(ModuleHarness.run("cron", connection, args).isChanged());
    }

    @Test
    void theNameIsRequiredAndInsertAfterExcludesInsertBefore() {
        assertEquals("missing required arguments: name", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("cron", ModuleHarness.connection(), Map.of("job", "true"))).getMessage());
        assertEquals("parameters are mutually exclusive: insertafter|insertbefore", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("cron", ModuleHarness.connection(), Map.of("name", "n", "job", "true",
                        "insertafter", "A", "insertbefore", "B"))).getMessage());
    }
}

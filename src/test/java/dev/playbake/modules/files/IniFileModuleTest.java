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

class IniFileModuleTest {

    @Test
    void anOptionIsChangedInItsSectionAndSetAgainIsOk() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/app.ini", "[main]\nworkers = 2\n\n[log]\nlevel = info\n");
        ModuleResult result = ModuleHarness.run("ini_file", connection, Map.of("dest", "/etc/app.ini", "section", "log",
                "option", "level", "value", "debug"));
        assertTrue(result.isChanged(), result::toString);
        assertEquals("option changed", result.values().get("msg"));
        assertEquals("[main]\nworkers = 2\n\n[log]\nlevel = debug\n", connection.content("/etc/app.ini").orElseThrow());
        assertFalse(ModuleHarness.run("ini_file", connection, Map.of("path", "/etc/app.ini", "section", "log",
                "option", "level", "value", "debug")).isChanged());
    }

    @Test
    void valueAndValuesTogetherAreRefused() {
        assertEquals("parameters are mutually exclusive: value|values", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("ini_file", ModuleHarness.connection(), Map.of("path", "/x", "section", "s",
                        "option", "o", "value", "1", "values", "2"))).getMessage());
    }
}

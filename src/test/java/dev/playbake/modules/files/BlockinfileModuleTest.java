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

class BlockinfileModuleTest {

    @Test
    void theBlockGoesBetweenMarkersAtTheEndAndIsReplacedInPlaceLater() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/profile", "export A=1\n");
        ModuleResult inserted = ModuleHarness.run("blockinfile", connection, Map.of("path", "/etc/profile",
                "block", "export B=2"));
        assertTrue(inserted.isChanged(), inserted::toString);
        assertEquals("Block inserted", inserted.values().get("msg"));
        assertEquals("export A=1\n# BEGIN ANSIBLE MANAGED BLOCK\nexport B=2\n# END ANSIBLE MANAGED BLOCK\n",
                connection.content("/etc/profile").orElseThrow());
        ModuleResult same = ModuleHarness.run("blockinfile", connection, Map.of("path", "/etc/profile",
                "content", "export B=2"));
        assertFalse(same.isChanged(), same::toString);
        ModuleResult removed = ModuleHarness.run("blockinfile", connection, Map.of("path", "/etc/profile",
                "state", "absent"));
        assertTrue(removed.isChanged());
        assertEquals("export A=1\n", connection.content("/etc/profile").orElseThrow());
    }

    @Test
    void insertAfterAndBeforeTogetherAreRefused() {
        assertEquals("parameters are mutually exclusive: insertbefore|insertafter", assertThrows(ModuleException.class,
                () -> ModuleHarness.run("blockinfile", ModuleHarness.connection(), Map.of("path", "/x", "block", "b",
                        "insertafter", "EOF", "insertbefore", "BOF"))).getMessage());
    }
}

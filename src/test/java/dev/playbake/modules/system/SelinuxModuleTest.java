package dev.playbake.modules.system;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SelinuxModuleTest {

    @Test
    void failsWithTheGuardAndTheFileToShipAndChangesNothing() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult result = ModuleHarness.run("selinux", connection, Map.of("state", "permissive", "policy", "targeted"));
        assertTrue(result.isFailed());
        String message = String.valueOf(result.values().get("msg"));
        assertTrue(message.contains("ansible_selinux.status") && message.contains("SELINUX=permissive"), message);
        assertTrue(connection.commands().isEmpty() && connection.puts().isEmpty());
    }
}

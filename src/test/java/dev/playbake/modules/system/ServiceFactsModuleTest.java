package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceFactsModuleTest {

    @Test
    void theInitScriptsAreTheServicesWithTheirState() {
        RecordingConnection connection = ModuleHarness.connection().reply("--status-all",
                new ExecResult(0, "tool=service\n [ + ]  agent\n [ - ]  rsync\n", ""));
        ModuleResult result = ModuleHarness.run("service_facts", connection, Map.of());
        Map<?, ?> services = (Map<?, ?>) ((Map<?, ?>) result.values().get("ansible_facts")).get("services");
        assertEquals(List.of("agent", "rsync"), List.copyOf(services.keySet()));
        assertEquals(Map.of("name", "agent", "state", "running", "source", "sysv"), services.get("agent"));
        assertEquals("stopped", ((Map<?, ?>) services.get("rsync")).get("state"));
    }

    @Test
    void noServiceIsASkipAsInAnsible() {
        RecordingConnection connection = ModuleHarness.connection().reply("--status-all",
                new ExecResult(0, "tool=service\n", ""));
        ModuleResult result = ModuleHarness.run("service_facts", connection, Map.of());
        assertEquals(true, result.values().get("skipped"));
        assertTrue(String.valueOf(result.values().get("msg")).startsWith("Failed to find any services."));
    }

    @Test
    void chkconfigImagesFailNamingWhatToDo() {
        RecordingConnection connection = ModuleHarness.connection().reply("--status-all",
                new ExecResult(0, "tool=chkconfig\n", ""));
        assertTrue(ModuleHarness.run("service_facts", connection, Map.of()).isFailed());
    }
}

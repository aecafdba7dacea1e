package dev.playbake.modules.system;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SelinuxPolicyModulesTest {

    @Test
    void sebooleanFailsNamingTheBooleanAndTheGuardAndChangesNothing() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult result = ModuleHarness.run("seboolean", connection,
                Map.of("name", "httpd_can_network_connect", "state", true, "persistent", true));
        assertFails(result, "httpd_can_network_connect to on");
        assertTrue(connection.commands().isEmpty() && connection.puts().isEmpty());
    }

    @Test
    void seportFailsNamingThePortsAndTheGuard() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult result = ModuleHarness.run("seport", connection,
                Map.of("ports", List.of(8080, 8081), "proto", "tcp", "setype", "http_port_t"));
        assertFails(result, "tcp port(s) 8080,8081 as http_port_t");
        assertTrue(connection.commands().isEmpty() && connection.puts().isEmpty());
    }

    private static void assertFails(ModuleResult result, String naming) {
        assertTrue(result.isFailed());
        String message = String.valueOf(result.values().get("msg"));
        assertTrue(message.contains(naming) && message.contains("ansible_selinux.status == 'enabled'"), message);
    }
}

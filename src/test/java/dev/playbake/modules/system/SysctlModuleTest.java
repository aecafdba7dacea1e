package dev.playbake.modules.system;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysctlModuleTest {

    @Test
    void theSettingIsWrittenToTheFileOnlyUnderTheKeyAlias() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/sysctl.conf",
                "# kernel\nvm.swappiness = 60\nnet.core.somaxconn=128\n");
        ModuleResult result = ModuleHarness.run("sysctl", connection, Map.of("key", "vm.swappiness", "val", 10,
                "sysctl_set", false, "reload", false));
        assertTrue(result.isChanged(), result::toString);
        assertEquals("# kernel\nvm.swappiness=10\nnet.core.somaxconn=128\n",
                connection.content("/etc/sysctl.conf").orElseThrow());
        ModuleResult again = ModuleHarness.run("sysctl", connection, Map.of("name", "vm.swappiness", "value", "10",
                "sysctl_set", false, "reload", false));
        assertFalse(again.isChanged());
    }

    @Test
    void settingTheKernelFailsWithWhatToDoInstead() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult result = ModuleHarness.run("sysctl", connection, Map.of("name", "vm.swappiness", "value", 10));
        assertTrue(result.isFailed());
        assertTrue(String.valueOf(result.values().get("msg")).contains("set sysctl_set: false and reload: false"));
        assertTrue(connection.puts().isEmpty());
    }
}

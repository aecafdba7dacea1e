package dev.playbake.engine;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FactsTest {

    @Test
    void serviceManagerAndSelinuxAreAnsiblesInAContainer() {
        Map<String, Object> debian = Facts.gather(new RecordingConnection().reply("service_mgr=",
                new ExecResult(0, "service_mgr=sysvinit\nlibselinux=yes\n", "")));
        assertEquals("sysvinit", debian.get("service_mgr"));
        assertEquals(Map.of("status", "disabled"), debian.get("selinux"), "libselinux, no selinuxfs in a container");
        assertEquals(true, debian.get("selinux_python_present"));
        Map<String, Object> bare = Facts.gather(new RecordingConnection().reply("service_mgr=", new ExecResult(0, "", "")));
        assertEquals("service", bare.get("service_mgr"));
        assertEquals(Map.of("status", "Missing selinux Python library"), bare.get("selinux"));
        assertEquals(false, bare.get("selinux_python_present"));
    }
}

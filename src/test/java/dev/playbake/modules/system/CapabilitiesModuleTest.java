package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The capabilities module's reading of getcap and the setcap line it writes, as community.general 6.6.2's. */
class CapabilitiesModuleTest {

    private static final String TOOLS = "paths=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
            + "getcap=/usr/sbin/getcap\nsetcap=/usr/sbin/setcap\n";

    private static RecordingConnection withCaps(String getcapOutput) {
        return new RecordingConnection()
                .reply("for c in getcap setcap", new ExecResult(0, TOOLS, ""))
                .reply("/usr/sbin/getcap -v", new ExecResult(0, getcapOutput, ""));
    }

    private static List<String> setcapLines(RecordingConnection connection) {
        return connection.commands().stream().filter(c -> c.contains("/usr/sbin/setcap")).toList();
    }

    @Test
    void aGroupOfGetcapIsSplitAndTheOtherCapabilitiesAreKept() {
        RecordingConnection connection = withCaps("/bin/app cap_net_admin,cap_net_raw=ep\n");
        ModuleResult result = ModuleHarness.run("capabilities", connection,
                Map.of("path", "/bin/app", "capability", "CAP_CHOWN+i"));
        assertTrue(result.isChanged());
        assertEquals("present", result.values().get("state"));
        assertEquals(1, setcapLines(connection).size());
        assertTrue(setcapLines(connection).get(0).endsWith("/usr/sbin/setcap 'cap_net_admin=ep cap_net_raw=ep cap_chown+i'"
                + " /bin/app"), setcapLines(connection).get(0));
    }

    @Test
    void plusIsNotEqualsSoWhatGetcapPrintsIsUnchangedAndTheRoleFormChangesEveryTime() {
        assertFalse(ModuleHarness.run("capabilities", withCaps("/bin/app cap_net_bind_service=ep\n"),
                Map.of("path", "/bin/app", "capability", "cap_net_bind_service=ep")).isChanged());
        assertTrue(ModuleHarness.run("capabilities", withCaps("/bin/app cap_net_bind_service=ep\n"),
                Map.of("path", "/bin/app", "capability", "cap_net_bind_service+ep")).isChanged());
    }

    @Test
    void absentMatchesByNameAndCheckModeOnlySaysSo() {
        RecordingConnection connection = withCaps("/bin/app = cap_net_raw+ep cap_chown+i\n");
        ModuleResult checked = ModuleHarness.run("capabilities", connection,
                Map.of("key", "/bin/app", "cap", "cap_net_raw", "state", "absent"), true);
        assertEquals(Map.of("changed", true, "msg", "capabilities changed"), checked.values());
        assertTrue(setcapLines(connection).isEmpty());
        RecordingConnection again = withCaps("/bin/app\n");
        ModuleResult none = ModuleHarness.run("capabilities", again,
                Map.of("path", "/bin/app", "capability", "cap_net_raw+ep", "state", "absent"));
        assertEquals(Map.of("changed", false, "state", "absent"), none.values());
    }

    @Test
    void missingToolsAndOperatorsFailWithTheModulesMessages() {
        RecordingConnection bare = new RecordingConnection().reply("for c in getcap setcap", new ExecResult(0,
                "paths=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\ngetcap=\nsetcap=\n", ""));
        ModuleResult missing = ModuleHarness.run("capabilities", bare, Map.of("path", "/bin/app", "capability", "cap_chown+ep"));
        assertEquals("Failed to find required executable \"getcap\" in paths: "
                + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", missing.values().get("msg"));
        // an argument error, which the engine reports as the task's failure
        ModuleException noOperator = assertThrows(ModuleException.class, () -> ModuleHarness.run("capabilities",
                withCaps("/bin/app\n"), Map.of("path", "/bin/app", "capability", "cap_chown")));
        assertEquals("Couldn't find operator (one of: ('=', '-', '+'))", noOperator.getMessage());
        ModuleResult unreadable = ModuleHarness.run("capabilities", new RecordingConnection()
                        .reply("for c in getcap setcap", new ExecResult(0, TOOLS, ""))
                        .reply("getcap -v", new ExecResult(1, "", "/nope (No such file or directory)\n")),
                Map.of("path", "/nope", "capability", "cap_chown+ep"));
        assertEquals("Unable to get capabilities of /nope", unreadable.values().get("msg"));
        assertEquals("/nope (No such file or directory)\n", unreadable.values().get("stderr"));
    }
}

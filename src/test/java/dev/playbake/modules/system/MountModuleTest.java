package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountModuleTest {

    private static final String FSTAB = "# /etc/fstab\nUUID=1 / ext4 errors=remount-ro 0 1\n/dev/sdb1 /old xfs defaults\n";

    private static RecordingConnection fstab(String text) {
        return ModuleHarness.connection().file("/etc/fstab", text)
                .reply("/proc/self/mountinfo", new ExecResult(0, "/\n/etc/hosts\n/mnt/with\\040space\n", ""));
    }

    @Test
    void presentAppendsTheEntryOnceWithAnsiblesDefaultsAndEscapes() {
        RecordingConnection connection = fstab(FSTAB);
        Map<String, Object> args = Map.of("path", "/srv/my data", "src", "LABEL=data", "fstype", "ext4", "state", "present");
        ModuleResult result = ModuleHarness.run("mount", connection, args);
        assertTrue(result.isChanged(), result::toString);
        assertEquals(FSTAB + "LABEL=data /srv/my\\040data ext4 defaults 0 0\n", connection.content("/etc/fstab").orElseThrow());
        assertEquals("yes", result.values().get("boot"));
        assertFalse(ModuleHarness.run("mount", connection, args).isChanged());
    }

    @Test
    void aChangedEntryIsRewrittenAndBootFalseAddsNoauto() {
        RecordingConnection connection = fstab(FSTAB);
        ModuleResult result = ModuleHarness.run("mount", connection, Map.of("path", "/", "src", "UUID=1", "fstype", "ext4",
                "opts", "noatime", "passno", "1", "boot", false, "state", "present"));
        assertTrue(result.isChanged());
        assertEquals("# /etc/fstab\nUUID=1 / ext4 noatime,noauto 0 1\n/dev/sdb1 /old xfs defaults\n",
                connection.content("/etc/fstab").orElseThrow());
        assertEquals("no", result.values().get("boot"));
    }

    @Test
    void aFourFieldLineIsRewrittenEachTimeAsAnsibleDoes() {
        RecordingConnection connection = fstab(FSTAB);
        Map<String, Object> args = Map.of("path", "/old", "src", "/dev/sdb1", "fstype", "xfs", "state", "present");
        assertTrue(ModuleHarness.run("mount", connection, args).isChanged(), "Ansible's int 0 differs from '0'");
        assertFalse(ModuleHarness.run("mount", connection, args).isChanged());
    }

    @Test
    void absentRemovesTheLineAndTheEmptyMountPoint() {
        RecordingConnection connection = fstab(FSTAB + "/dev/sdc1 /mnt/scratch xfs defaults 0 0\n");
        ModuleResult result = ModuleHarness.run("mount", connection, Map.of("path", "/mnt/scratch", "state", "absent"));
        assertTrue(result.isChanged(), result::toString);
        assertEquals(FSTAB, connection.content("/etc/fstab").orElseThrow());
        assertTrue(connection.commands().stream().anyMatch(c -> c.contains("rmdir -- \"$p\"")), connection.commands()::toString);
        assertFalse(ModuleHarness.run("mount", connection, Map.of("path", "/mnt/scratch", "state", "absent")).isChanged());
    }

    @Test
    void mountingFailsWithTheAlternativesAndUnmountedIsOkWhenNotMounted() {
        RecordingConnection connection = fstab(FSTAB);
        ModuleResult mounted = ModuleHarness.run("mount", connection, Map.of("path", "/mnt/usb", "src", "/dev/sdc1",
                "fstype", "vfat", "state", "mounted"));
        assertTrue(mounted.isFailed());
        String message = String.valueOf(mounted.values().get("msg"));
        assertTrue(message.contains("state: present") && message.contains("docker run -v"), message);
        assertEquals(FSTAB, connection.content("/etc/fstab").orElseThrow(), "nothing written");
        assertFalse(ModuleHarness.run("mount", connection, Map.of("path", "/srv", "state", "unmounted")).isChanged());
        assertTrue(ModuleHarness.run("mount", connection, Map.of("path", "/mnt/with space", "state", "unmounted")).isFailed(),
                "a mount point of the container, read from mountinfo's escapes");
    }

    @Test
    void presentNeedsSourceAndType() {
        ModuleResult result = ModuleHarness.run("mount", fstab(FSTAB), Map.of("path", "/x", "state", "present"));
        assertEquals("state is present but all of the following are missing: src, fstype", result.values().get("msg"));
    }
}

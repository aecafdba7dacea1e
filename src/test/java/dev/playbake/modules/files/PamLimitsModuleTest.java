package dev.playbake.modules.files;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PamLimitsModuleTest {

    private static final String CONF = "/etc/security/limits.conf";

    private static ModuleResult limit(RecordingConnection connection, String... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            args.put(pairs[i], pairs[i + 1]);
        }
        return ModuleHarness.run("pam_limits", connection, args);
    }

    /** The file and steps were run through community.general 6.6.2's module; this is what it wrote. */
    @Test
    void editsComeOutAsTheModuleWritesThemWithItsCommentCarriedOver() {
        RecordingConnection connection = ModuleHarness.connection("/etc/security").file(CONF, """
                # /etc/security/limits.conf
                #
                #<domain>      <type>  <item>         <value>
                #*               soft    core            0
                @student        hard    nproc           20 # students
                alice   soft  nofile 1024

                # End of file
                """);
        ModuleResult first = limit(connection, "domain", "alice", "limit_type", "soft", "limit_item", "nofile",
                "value", "4096");
        assertTrue(first.isChanged());
        assertEquals("alice\tsoft\tnofile\t4096\t# students\n\n", first.values().get("msg"));
        assertTrue(limit(connection, "domain", "bob", "limit_type", "-", "limit_item", "nproc", "value", "100")
                .isChanged());
        assertTrue(limit(connection, "domain", "@student", "limit_type", "hard", "limit_item", "nproc", "value", "10",
                "use_min", "true").isChanged());
        ModuleResult max = limit(connection, "domain", "alice", "limit_type", "soft", "limit_item", "nofile",
                "value", "2048", "use_max", "true");
        assertFalse(max.isChanged());
        assertTrue(limit(connection, "domain", "carol", "limit_type", "hard", "limit_item", "core", "value", "0",
                "comment", "nocore").isChanged());
        assertEquals("""
                # /etc/security/limits.conf
                #
                #<domain>      <type>  <item>         <value>
                #*               soft    core            0
                @student\thard\tnproc\t10\t# students

                alice\tsoft\tnofile\t4096\t# students


                # End of file
                bob\t-\tnproc\t100\t# students

                carol\thard\tcore\t0\t#nocore
                """, connection.content(CONF).orElseThrow());
    }

    @Test
    void theSameValueAgainIsOkAndLeavesTheFile() {
        RecordingConnection connection = ModuleHarness.connection("/etc/security").file(CONF, "*  hard  core  0\n");
        ModuleResult result = limit(connection, "domain", "*", "limit_type", "hard", "limit_item", "core", "value", "0");
        assertFalse(result.isChanged());
        assertEquals("*  hard  core  0\n", result.values().get("msg"));
        assertEquals(List.of(), connection.puts());
    }

    @Test
    void unlimitedWinsWithUseMaxAndLosesWithUseMin() {
        RecordingConnection connection = ModuleHarness.connection("/etc/security").file(CONF, "u soft nofile unlimited\n");
        assertFalse(limit(connection, "domain", "u", "limit_type", "soft", "limit_item", "nofile", "value", "10",
                "use_max", "yes").isChanged());
        assertTrue(limit(connection, "domain", "u", "limit_type", "soft", "limit_item", "nofile", "value", "10",
                "use_min", "yes").isChanged());
        assertEquals("u\tsoft\tnofile\t10\n", connection.content(CONF).orElseThrow());
    }

    @Test
    void aMissingFileIsCreatedAndCountsAsAChange() {
        RecordingConnection connection = ModuleHarness.connection("/etc/security/limits.d");
        ModuleResult result = limit(connection, "dest", "/etc/security/limits.d/10-app.conf", "domain", "app",
                "limit_type", "-", "limit_item", "nofile", "value", "65536", "comment", "app");
        assertTrue(result.isChanged());
        assertEquals("app\t-\tnofile\t65536\t#app\n", connection.content("/etc/security/limits.d/10-app.conf")
                .orElseThrow());
    }

    @Test
    void invalidValuesFailWithTheModulesMessages() {
        RecordingConnection connection = ModuleHarness.connection("/etc/security").file(CONF, "x soft nice 30\n");
        assertEquals(" Value of 'lots' for item 'nofile' is invalid. Value must either be 'unlimited', 'infinity' or -1,"
                        + " all of which indicate no limit, or a limit of 0 or larger. Refer to the limits.conf(5) manual"
                        + " pages for more details.",
                limit(connection, "domain", "x", "limit_type", "soft", "limit_item", "nofile", "value", "lots")
                        .values().get("msg"));
        assertEquals("Invalid configuration found in '/etc/security/limits.conf'. Value of '30' for item 'nice' is"
                        + " invalid. Value must be a number in the range -20 to 19 inclusive. Refer to the limits.conf(5)"
                        + " manual pages for more details.",
                limit(connection, "domain", "x", "limit_type", "soft", "limit_item", "nice", "value", "-5")
                        .values().get("msg"));
        assertEquals("Cannot use use_min and use_max at the same time.", limit(connection, "domain", "x",
                "limit_type", "soft", "limit_item", "nice", "value", "1", "use_min", "1", "use_max", "1")
                .values().get("msg"));
    }

    @Test
    void anUnknownItemIsRefusedByTheSpec() {
        assertThrows(ModuleException.class, () -> limit(ModuleHarness.connection(), "domain", "x", "limit_type",
                "soft", "limit_item", "files", "value", "1"));
    }
}

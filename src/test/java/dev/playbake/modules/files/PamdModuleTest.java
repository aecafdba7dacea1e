package dev.playbake.modules.files;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every expected file here is what community.general 6.6.2's pamd wrote from the same file and task. */
class PamdModuleTest {

    private static final String FILE = "/etc/pam.d/common-password";
    private static final String ORIGINAL = """
            # /etc/pam.d/common-password
            #

            # here are the per-package modules (the "Primary" block)
            password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt
            # here's the fallback if no module succeeds
            password\trequisite\t\t\tpam_deny.so
            # prime the stack with a positive return value
            password\trequired\t\t\tpam_permit.so
            # end of pam-auth-update config
            """;
    private static final String HEAD = """
            # /etc/pam.d/common-password
            # Updated by Ansible - 2026-12-04T18:30:00.123456
            #

            # here are the per-package modules (the "Primary" block)
            """;
    private static final String UNIX = "password   [success=1 default=ignore] pam_unix.so";

    private static RecordingConnection service() {
        return ModuleHarness.connection("/etc/pam.d").file(FILE, ORIGINAL)
                .reply("^/bin/sh -c date ", new ExecResult(0, "2026-12-04T18:30:00.123456789\n", ""));
    }

    private static ModuleResult pamd(RecordingConnection connection, Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "common-password");
        args.put("type", "password");
        for (int i = 0; i < pairs.length; i += 2) {
            args.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return ModuleHarness.run("pamd", connection, args);
    }

    private static String content(RecordingConnection connection) {
        return connection.content(FILE).orElseThrow();
    }

    @Test
    void updatedRewritesEveryRuleInTheModulesLayoutAndMarksTheFile() {
        RecordingConnection connection = service();
        ModuleResult result = pamd(connection, "control", "requisite", "module_path", "pam_deny.so",
                "new_control", "required", "module_arguments", List.of("audit"));
        assertTrue(result.isChanged());
        assertEquals(1, result.values().get("change_count"));
        assertEquals(HEAD + UNIX + """
                 obscure yescrypt
                # here's the fallback if no module succeeds
                password   required pam_deny.so audit
                # prime the stack with a positive return value
                password   required pam_permit.so
                # end of pam-auth-update config
                """, content(connection));
        assertFalse(pamd(connection, "control", "required", "module_path", "pam_deny.so",
                "module_arguments", List.of("audit")).isChanged());
    }

    @Test
    void beforeInsertsOnceAboveTheRule() {
        RecordingConnection connection = service();
        Object[] task = {"control", "[success=1 default=ignore]", "module_path", "pam_unix.so", "new_type", "password",
                "new_control", "requisite", "new_module_path", "pam_pwquality.so", "module_arguments", "retry=3",
                "state", "before"};
        assertTrue(pamd(connection, task).isChanged());
        assertEquals(HEAD + "password   requisite pam_pwquality.so retry=3\n" + UNIX + """
                 obscure yescrypt
                # here's the fallback if no module succeeds
                password   requisite pam_deny.so
                # prime the stack with a positive return value
                password   required pam_permit.so
                # end of pam-auth-update config
                """, content(connection));
        assertFalse(pamd(connection, task).isChanged());
    }

    @Test
    void afterUnlinksTheCommentsItStepsOverAsTheModuleDoes() {
        RecordingConnection connection = service();
        assertTrue(pamd(connection, "control", "requisite", "module_path", "pam_deny.so", "new_type", "password",
                "new_control", "optional", "new_module_path", "pam_gnome_keyring.so", "state", "after").isChanged());
        assertEquals(HEAD + UNIX + """
                 obscure yescrypt
                # here's the fallback if no module succeeds
                password   requisite pam_deny.so
                password   optional pam_gnome_keyring.so
                password   required pam_permit.so
                # end of pam-auth-update config
                """, content(connection));
    }

    @Test
    void argsPresentAddsMissingArgumentsAndReplacesValues() {
        RecordingConnection connection = service();
        Object[] rule = {"control", "[success=1 default=ignore]", "module_path", "pam_unix.so", "state", "args_present"};
        assertTrue(pamd(connection, concat(rule, "module_arguments", List.of("remember=5", "sha512"))).isChanged());
        assertTrue(content(connection).contains(UNIX + " obscure yescrypt sha512 remember=5\n"), () -> content(connection));
        assertFalse(pamd(connection, concat(rule, "module_arguments", "remember=5")).isChanged());
        assertTrue(pamd(connection, concat(rule, "module_arguments", "remember=7")).isChanged());
        assertTrue(content(connection).contains(UNIX + " obscure yescrypt sha512 remember=7\n"), () -> content(connection));
    }

    @Test
    void argsAbsentDropsAnArgument() {
        RecordingConnection connection = service();
        Object[] task = {"control", "[success=1 default=ignore]", "module_path", "pam_unix.so",
                "module_arguments", "yescrypt", "state", "args_absent"};
        assertTrue(pamd(connection, task).isChanged());
        assertTrue(content(connection).contains(UNIX + " obscure\n"));
        assertFalse(pamd(connection, task).isChanged());
    }

    @Test
    void absentRemovesTheRuleAndKeepsItsComment() {
        RecordingConnection connection = service();
        assertTrue(pamd(connection, "control", "required", "module_path", "pam_permit.so", "state", "absent")
                .isChanged());
        assertTrue(content(connection).endsWith("""
                password   requisite pam_deny.so
                # prime the stack with a positive return value
                # end of pam-auth-update config
                """), () -> content(connection));
    }

    @Test
    void nothingMatchingLeavesTheFileUntouched() {
        RecordingConnection connection = service();
        assertFalse(pamd(connection, "control", "required", "module_path", "pam_nothere.so", "state", "absent")
                .isChanged());
        assertEquals(List.of(), connection.puts());
    }

    @Test
    void failuresCarryTheModulesMessages() {
        RecordingConnection connection = service();
        assertEquals("Rule control, bogus, is not valid in rule " + UNIX.replace("[success=1 default=ignore]", "bogus")
                        + " obscure yescrypt",
                pamd(connection, "control", "[success=1 default=ignore]", "module_path", "pam_unix.so",
                        "new_control", "bogus").values().get("msg"));
        assertEquals("Unable to process bracketed '[' complex arguments with 'args_present'. Please use 'updated'.",
                pamd(connection, "control", "requisite", "module_path", "pam_deny.so", "module_arguments", "[x=y]",
                        "state", "args_present").values().get("msg"));
        assertEquals("state is before but all of the following are missing: new_module_path",
                pamd(connection, "control", "requisite", "module_path", "pam_deny.so", "new_type", "password",
                        "new_control", "required", "state", "before").values().get("msg"));
        assertEquals("Unable to open/read PAM module file /etc/pam.d/nothere with error [Errno 2] No such file or "
                + "directory: '/etc/pam.d/nothere'.", ModuleHarness.run("pamd", connection, Map.of("name", "nothere",
                "type", "auth", "control", "required", "module_path", "pam_x.so")).values().get("msg"));
        assertEquals(ORIGINAL, content(connection));
    }

    private static Object[] concat(Object[] base, Object... more) {
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}

package dev.playbake.modules.system;

import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.ServiceStatePolicy;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceModuleTest {

    /** An image without systemd whose init.d script {@code demo} answers status with {@code status}. */
    private static RecordingConnection sysv(ExecResult status) {
        return ModuleHarness.connection()
                .reply("elif \\[ -e /sbin/openrc \\]", new ExecResult(0, "sysvinit\n", ""))
                .reply("/usr/lib/systemd/system; do", new ExecResult(1, "", ""))
                .reply("&& echo initd", new ExecResult(0, "initd\nenabled\n", ""))
                .reply("then service 'demo' status|then service demo status", status);
    }

    private static final ExecResult NOT_RUNNING = new ExecResult(3, "demo is not running ... failed!\n", "");
    private static final ExecResult RUNNING = new ExecResult(0, "demo is running.\n", "");

    @Test
    void startedIsChangedWhenTheStatusSaysNotRunningAndStartsNothing() {
        RecordingConnection connection = sysv(NOT_RUNNING);
        ModuleResult result = ModuleHarness.run("service", connection, Map.of("name", "demo", "state", "started",
                "enabled", true));
        assertTrue(result.isChanged(), result::toString);
        assertFalse(result.isFailed());
        assertTrue(String.valueOf(result.values().get("msg")).startsWith("state: started of 'demo' recorded, not applied"),
                result::toString);
        assertTrue(connection.commands().stream().noneMatch(c -> c.contains(" start")), connection.commands()::toString);
        assertEquals(true, ((Map<?, ?>) ((Map<?, ?>) result.values().get("status")).get("started")).get("changed"));
    }

    @Test
    void eachStateReportsWhatAnsiblesSysvinitModuleReports() {
        assertEquals(false, state(RUNNING, "started"));
        assertEquals(false, state(NOT_RUNNING, "stopped"));
        assertEquals(true, state(RUNNING, "stopped"));
        assertEquals(true, state(NOT_RUNNING, "restarted"));
        assertEquals(true, state(NOT_RUNNING, "reloaded"));
        assertEquals(true, state(RUNNING, "reloaded"));
    }

    private static boolean state(ExecResult status, String state) {
        ModuleResult result = ModuleHarness.run("service", sysv(status), Map.of("name", "demo", "state", state));
        assertFalse(result.isFailed(), result::toString);
        return result.isChanged();
    }

    @Test
    void theStrictPolicyFailsARunningStateNamingTheSetting() {
        RecordingConnection connection = sysv(NOT_RUNNING);
        ModuleContext context = new ModuleContext(Map.of("name", "demo", "state", "restarted"), connection, "", Map.of(),
                false, ModuleHarness.NO_FILES, Map.of(), ServiceStatePolicy.STRICT, "build", Optional.empty(),
                EgressPolicy.open());
        ModuleResult result = ModuleHarness.MODULES.find("service").orElseThrow().run(context);
        assertTrue(result.isFailed());
        String message = String.valueOf(result.values().get("msg"));
        assertTrue(message.contains("--strict-service-state") && message.contains("spec.serviceState: Strict"), message);
    }

    @Test
    void aStateOutsideAnsiblesChoicesFails() {
        ModuleException error = assertThrows(ModuleException.class,
                () -> ModuleHarness.run("service", sysv(NOT_RUNNING), Map.of("name", "demo", "state", "running")));
        assertTrue(error.getMessage().contains("must be one of: started, stopped, restarted, reloaded"), error::getMessage);
    }

    @Test
    void daemonReloadIsOkWithANote() {
        RecordingConnection connection = ModuleHarness.connection();
        ModuleResult result = ModuleHarness.run("systemd", connection, Map.of("daemon_reload", true));
        assertFalse(result.isFailed(), result::toString);
        assertFalse(result.isChanged());
        assertTrue(String.valueOf(result.values().get("msg")).startsWith("daemon_reload recorded, not applied"),
                result::toString);
        assertTrue(connection.commands().stream().noneMatch(c -> c.contains("daemon-reload")));
    }

    @Test
    void theStatusIsReadAsAnsibleReadsIt() {
        assertEquals(Optional.of(true), SysvStatus.classify("cron", 0, "cron is running.\n"));
        assertEquals(Optional.of(false), SysvStatus.classify("cron", 3, "cron is not running ... failed!\n"));
        assertEquals(Optional.of(false), SysvStatus.classify("x", 0, "x stopped\n"), "words before the exit code");
        assertEquals(Optional.of(true), SysvStatus.classify("x", 1, "x active\n"));
        assertEquals(Optional.of(false), SysvStatus.classify("x", 4, "line\nline\nline\n"));
        assertEquals(Optional.empty(), SysvStatus.classify("x", 127, "sh: not found\n"), "then ps decides");
    }
}

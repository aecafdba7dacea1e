package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.ArgumentValidator;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.str;

/**
 * {@code service}: dispatched like Ansible's action on the image's service manager (systemd when
 * systemd is the image's init, else the init.d scripts); enabling works on files; a running-state
 * request is recorded (see {@link ServiceStates}) with the status the init.d script's status command implies.
 */
public final class ServiceModule implements Module {

    private static final List<String> SYSV_ONLY = List.of("sleep", "pattern", "arguments", "args", "runlevels", "daemonize");

    private static final ArgumentSpec SYSV = ArgumentSpec.of(
            str("name").aliases("service"), str("state").choices("started", "stopped", "restarted", "reloaded"),
            bool("enabled"), integer("sleep"), str("pattern"), str("arguments").aliases("args"), list("runlevels"),
            str("daemonize"), str("use"));

    // which backend runs is known only in the container: a task may use the arguments of either
    private static final ArgumentSpec ARGUMENTS = SYSV.plus(SystemdModule.ARGUMENTS).forwardedToBackend();

    @Override
    public String name() {
        return "service";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String manager = args.string("use").filter(u -> !u.equals("auto")).orElseGet(() -> manager(context));
        Map<String, Object> forwarded = new LinkedHashMap<>(context.args());
        forwarded.remove("use");
        if (manager.equals("systemd") || !manager.equals("openrc") && unitFileOnly(context)) {
            SYSV_ONLY.forEach(forwarded::remove);
            ModuleContext systemd = context.withArgs(
                    ArgumentValidator.validate("systemd", SystemdModule.ARGUMENTS, forwarded));
            return SystemdModule.manage(systemd, "service");
        }
        if (!manager.equals("sysvinit") && !manager.equals("service")) {
            return ModuleResult.failed("service: the image's service manager is '" + manager
                    + "'; playbake's service module supports systemd and init.d scripts");
        }
        ModuleContext sysv = context.withArgs(ArgumentValidator.validate("service", SYSV, context.args()));
        return sysv(sysv, sysv.arguments());
    }

    /**
     * Prints Ansible's service_mgr fact as its collector decides it in a container whose PID 1 is a shell:
     * systemd when booted (or booting) by it, openrc, the init.d scripts, else the generic service.
     */
    public static final String MANAGER_SCRIPT = "if command -v systemctl >/dev/null 2>&1 && { [ -e /run/systemd/system/ ]"
            + " || [ \"$(basename \"$(readlink /sbin/init)\")\" = systemd ]; }; then echo systemd;"
            + " elif [ -e /sbin/openrc ]; then echo openrc; elif [ -e /etc/init.d/ ]; then echo sysvinit;"
            + " else echo service; fi";

    private static String manager(ModuleContext context) {
        String found = context.sh(MANAGER_SCRIPT).stdout().strip();
        return found.isEmpty() ? "service" : found;
    }

    /**
     * A service with a systemd unit and no init.d script, in an image where systemd is not the init:
     * Ansible fails to find it; its unit is what the image's init will use, so it is managed as a unit.
     */
    private static boolean unitFileOnly(ModuleContext context) {
        String name = context.arguments().string("name").or(() -> context.arguments().string("service")).orElse("");
        if (name.isEmpty()) {
            return false;
        }
        String unit = Sh.quote(UnitNames.withSuffix(name));
        return context.sh("[ ! -e /etc/init.d/" + Sh.quote(name) + " ] && for d in /etc/systemd/system /lib/systemd/system"
                + " /usr/lib/systemd/system; do [ -e \"$d\"/" + unit + " ] && exit 0; done; exit 1").succeeded();
    }

    private static ModuleResult sysv(ModuleContext context, Args args) {
        String name = args.string("name").or(() -> args.string("service")).orElse("");
        if (name.isEmpty()) {
            return ModuleResult.failed("missing required arguments: name");
        }
        Optional<String> state = args.string("state");
        Optional<Boolean> enabled = args.has("enabled") ? Optional.of(args.bool("enabled", false)) : Optional.empty();
        if (state.isEmpty() && enabled.isEmpty()) {
            return ModuleResult.failed("one of the following is required: state, enabled");
        }
        List<String> runlevels = args.list("runlevels");
        String n = Sh.quote(name);
        String probe = context.sh("[ -e /etc/init.d/" + n + " ] && echo initd; "
                + (runlevels.isEmpty() ? "ls /etc/rc?.d/S??" + n + " >/dev/null 2>&1 && echo enabled"
                : String.join("; ", runlevels.stream().map(rl -> "ls /etc/rc" + Sh.quote(rl) + ".d/S??" + n
                        + " >/dev/null 2>&1 || echo off-" + rl).toList()))).stdout();
        if (!probe.contains("initd")) {
            return ModuleResult.failed("Could not find the requested service " + name + ": ");
        }
        Map<String, Object> enabledStatus = new LinkedHashMap<>();
        enabledStatus.put("changed", false);
        enabledStatus.put("rc", null);
        enabledStatus.put("stdout", null);
        enabledStatus.put("stderr", null);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("enabled", enabledStatus);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("changed", false);
        values.put("status", status);
        if (enabled.isPresent()) {
            boolean changed = runlevels.isEmpty() ? probe.contains("enabled") != enabled.get()
                    : enabled.get() ? probe.contains("off-") : runlevels.size() > count(probe, "off-");
            if (changed) {
                values.put("changed", true);
                enabledStatus.put("changed", true);
                if (!context.checkMode()) {
                    String command = "update-rc.d " + n + (runlevels.isEmpty() ? (enabled.get() ? " defaults" : " disable")
                            : (enabled.get() ? " enable " : " disable ") + Sh.join(runlevels));
                    ExecResult result = context.sh(command);
                    enabledStatus.put("rc", result.exitCode());
                    enabledStatus.put("stdout", result.stdout());
                    enabledStatus.put("stderr", result.stderr());
                }
            }
        }
        if (state.isPresent()) {
            boolean running = SysvStatus.running(context, name, args.string("pattern"));
            ServiceStates.Outcome outcome = ServiceStates.of(context, "service", name, "state: " + state.get(),
                    ServiceStates.changes(state.get(), running));
            if (outcome instanceof ServiceStates.Refused refused) {
                return refused.failure();
            }
            ServiceStates.Recorded recorded = (ServiceStates.Recorded) outcome;
            Map<String, Object> stateStatus = new LinkedHashMap<>();
            stateStatus.put("changed", recorded.changed());
            stateStatus.put("rc", null);
            stateStatus.put("stdout", null);
            stateStatus.put("stderr", null);
            status.put(state.get(), stateStatus);
            if (recorded.changed()) {
                values.put("changed", true);
            }
            values.put("msg", recorded.note());
        }
        return new ModuleResult(values);
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }
}

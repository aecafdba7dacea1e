package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.Set;
import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/**
 * {@code systemd} / {@code systemd_service}: enabling and masking work on the unit files (with the
 * image's systemctl, which works offline, or by making systemctl's links itself when the image has
 * none); running-state requests and daemon_reload are recorded (see {@link ServiceStates}), as no
 * systemd runs in a build container.
 */
public final class SystemdModule implements Module {

    static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").aliases("service", "unit"), str("state"), bool("enabled"), bool("force"), bool("masked"),
            bool("daemon_reload").aliases("daemon-reload"), bool("daemon_reexec").aliases("daemon-reexec"),
            str("scope"), bool("no_block"));

    private static final Set<String> STATES = Set.of("reloaded", "restarted", "started", "stopped");

    /** systemctl(1)'s is-enabled answers for a unit it knows. */
    private static final Set<String> KNOWN_STATES = Set.of("enabled", "enabled-runtime", "linked", "linked-runtime",
            "masked", "masked-runtime", "static", "indirect", "disabled", "generated", "transient");

    private final String name;

    public SystemdModule(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        return manage(context, name);
    }

    static ModuleResult manage(ModuleContext context, String module) {
        Args args = context.arguments();
        String unit = args.string("name").or(() -> args.string("service")).or(() -> args.string("unit")).orElse("");
        Optional<String> state = args.string("state");
        Optional<Boolean> enabled = optionalBool(args, "enabled");
        Optional<Boolean> masked = optionalBool(args, "masked");
        boolean daemonReload = args.bool("daemon_reload", args.bool("daemon-reload", false));
        boolean daemonReexec = args.bool("daemon_reexec", args.bool("daemon-reexec", false));
        if (state.isEmpty() && enabled.isEmpty() && masked.isEmpty() && !daemonReload && !daemonReexec) {
            return ModuleResult.failed("one of the following is required: state, enabled, masked, daemon_reload, daemon_reexec");
        }
        if (state.isPresent() && !STATES.contains(state.get())) {
            return ModuleResult.failed("value of state must be one of: reloaded, restarted, started, stopped, got: " + state.get());
        }
        if (unit.isEmpty() && (state.isPresent() || enabled.isPresent() || masked.isPresent())) {
            return ModuleResult.failed("missing parameter(s) required by '" + (state.isPresent() ? "state"
                    : enabled.isPresent() ? "enabled" : "masked") + "': name");
        }
        for (String glob : List.of("*", "?", "[")) {
            if (unit.contains(glob)) {
                return ModuleResult.failed("This module does not currently support using glob patterns, found '" + glob
                        + "' in service name: " + unit);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", unit.isEmpty() ? null : unit);
        values.put("changed", false);
        values.put("status", new LinkedHashMap<>());
        List<String> notes = new ArrayList<>();
        for (String daemon : daemonReload && daemonReexec ? List.of("daemon_reload", "daemon_reexec")
                : daemonReload ? List.of("daemon_reload") : daemonReexec ? List.of("daemon_reexec") : List.<String>of()) {
            if (!context.checkMode()) {
                ServiceStates.Outcome outcome = ServiceStates.of(context, module, "", daemon, false);
                if (outcome instanceof ServiceStates.Refused refused) {
                    return refused.failure();
                }
                notes.add(((ServiceStates.Recorded) outcome).note());
            }
        }
        if (!unit.isEmpty()) {
            UnitFiles units = UnitFiles.probe(context, unit);
            boolean changed = false;
            if (masked.isPresent() && units.masked() != masked.get()) {
                changed = true;
                if (!context.checkMode()) {
                    ExecResult result = units.setMasked(masked.get());
                    if (!result.succeeded() && !units.found()) {
                        return missing(unit);
                    }
                    units = UnitFiles.probe(context, unit);
                }
            }
            if (enabled.isPresent()) {
                if (!units.found()) {
                    return missing(unit);
                }
                boolean current = units.enabled();
                values.put("enabled", current);
                if (current != enabled.get()) {
                    changed = true;
                    if (!context.checkMode()) {
                        ExecResult result = units.setEnabled(enabled.get());
                        if (!result.succeeded()) {
                            return ModuleResult.failed("Unable to " + (enabled.get() ? "enable" : "disable")
                                    + " service " + unit + ": " + result.stdout() + result.stderr());
                        }
                    }
                    values.put("enabled", enabled.get());
                }
            }
            if (state.isPresent()) {
                if (!units.found()) {
                    return missing(unit);
                }
                values.put("state", state.get().equals("stopped") || state.get().equals("started") ? state.get() : "started");
                // nothing runs in a build container: Ansible's answer on a host where the unit is inactive
                ServiceStates.Outcome outcome = ServiceStates.of(context, module, unit, "state: " + state.get(),
                        ServiceStates.changes(state.get(), false));
                if (outcome instanceof ServiceStates.Refused refused) {
                    return refused.failure();
                }
                ServiceStates.Recorded recorded = (ServiceStates.Recorded) outcome;
                changed |= recorded.changed();
                notes.add(recorded.note());
            }
            values.put("changed", changed);
        }
        if (!notes.isEmpty()) {
            values.put("msg", String.join("; ", notes));
        }
        return new ModuleResult(values);
    }

    private static ModuleResult missing(String unit) {
        return ModuleResult.failed("Could not find the requested service " + unit + ": host");
    }

    private static Optional<Boolean> optionalBool(Args args, String name) {
        return args.has(name) ? Optional.of(args.bool(name, false)) : Optional.empty();
    }

    /**
     * One unit's enablement as the image's files say, through systemctl when the image has it
     * (it works without a running systemd), or from the unit's {@code [Install]} section.
     */
    private record UnitFiles(ModuleContext context, String unit, Map<String, String> probe, Optional<String> unitFile,
                             List<String> links) {

        static UnitFiles probe(ModuleContext context, String unit) {
            String u = Sh.quote(unit);
            String full = Sh.quote(UnitNames.withSuffix(unit));
            String script = "if command -v systemctl >/dev/null 2>&1; then echo systemctl=yes;"
                    + " echo \"isenabled=$(systemctl is-enabled " + u + " 2>/dev/null)\";"
                    + " systemctl list-unit-files " + u + " >/dev/null 2>&1; echo listed=$?;"
                    + " out=$(systemctl is-enabled " + u + " -l 2>/dev/null); echo enabledrc=$?;"
                    + " echo \"enabledlines=$(printf '%s\\n' \"$out\" | wc -l)\";"
                    + " echo \"enabledfirst=$(printf '%s\\n' \"$out\" | head -n 1)\";"
                    + " echo \"enabledlast=$(printf '%s\\n' \"$out\" | tail -n 1)\"; fi;"
                    + " [ -e /etc/init.d/" + u + " ] && echo initd=yes;"
                    + " ls /etc/rc?.d/S??" + u + " >/dev/null 2>&1 && echo sysvenabled=yes;"
                    + " [ \"$(readlink /etc/systemd/system/" + full + ")\" = /dev/null ] && echo nulllink=yes;"
                    + " for d in /etc/systemd/system /run/systemd/system /lib/systemd/system /usr/lib/systemd/system; do"
                    + " if [ -f \"$d\"/" + full + " ] && [ \"$(readlink \"$d\"/" + full + ")\" != /dev/null ]; then"
                    + " echo unitfile=\"$d\"/" + full + "; break; fi; done";
            Map<String, String> probe = new LinkedHashMap<>();
            for (String line : context.sh(script).stdout().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    probe.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            Optional<String> unitFile = Optional.ofNullable(probe.get("unitfile"));
            List<String> links = new ArrayList<>();
            if (unitFile.isPresent() && !probe.containsKey("systemctl")) {
                String text = context.sh("cat " + Sh.quote(unitFile.get())).stdout();
                links.addAll(UnitNames.installLinks(text, UnitNames.withSuffix(unit)));
            }
            return new UnitFiles(context, unit, probe, unitFile, links);
        }

        boolean systemctl() {
            return probe.containsKey("systemctl");
        }

        boolean initd() {
            return probe.containsKey("initd");
        }

        boolean found() {
            if (systemctl()) {
                return KNOWN_STATES.contains(probe.getOrDefault("isenabled", "")) || "0".equals(probe.get("listed"))
                        || initd();
            }
            return unitFile.isPresent() || initd();
        }

        boolean masked() {
            return systemctl() ? "masked".equals(probe.get("isenabled")) : probe.containsKey("nulllink");
        }

        boolean enabled() {
            if (systemctl()) {
                if ("0".equals(probe.get("enabledrc"))) {
                    String first = probe.getOrDefault("enabledfirst", "");
                    return !("1".equals(probe.get("enabledlines").strip()) && (first.equals("indirect") || first.equals("alias")));
                }
                return "1".equals(probe.get("enabledrc")) && initd()
                        && !probe.getOrDefault("enabledlast", "").strip().endsWith("disabled") && sysvEnabled();
            }
            if (unitFile.isEmpty()) {
                return sysvEnabled();
            }
            if (links.isEmpty()) {
                return true;  // a static unit: systemctl answers "static", which counts as enabled
            }
            String tests = String.join(" || ", links.stream().map(l -> "[ -L " + Sh.quote(l) + " ]").toList());
            return context.sh(tests).succeeded();
        }

        private boolean sysvEnabled() {
            return probe.containsKey("sysvenabled");
        }

        ExecResult setEnabled(boolean enable) {
            String u = Sh.quote(unit);
            if (systemctl()) {
                return context.sh("systemctl " + (enable ? "enable " : "disable ") + u);
            }
            if (unitFile.isEmpty()) {
                return context.sh("update-rc.d " + u + (enable ? " defaults" : " disable"));
            }
            StringBuilder script = new StringBuilder("set -e;");
            for (String link : links) {
                String l = Sh.quote(link);
                script.append(enable ? " mkdir -p \"$(dirname " + l + ")\"; ln -sfn " + Sh.quote(unitFile.get()) + " " + l + ";"
                        : " rm -f " + l + ";");
            }
            return context.sh(script.toString());
        }

        ExecResult setMasked(boolean mask) {
            String u = Sh.quote(unit);
            if (systemctl()) {
                return context.sh("systemctl " + (mask ? "mask " : "unmask ") + u);
            }
            String path = Sh.quote("/etc/systemd/system/" + UnitNames.withSuffix(unit));
            return context.sh(mask ? "mkdir -p /etc/systemd/system && ln -sfn /dev/null " + path
                    : "[ \"$(readlink " + path + ")\" != /dev/null ] || rm -f " + path);
        }
    }
}

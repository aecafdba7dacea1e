package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.str;

/** {@code apt}: Debian packages through apt-get and dpkg-query, with update_cache and cache_valid_time. */
public final class AptModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            list("name").aliases("pkg", "package"),
            str("state").choices("absent", "build-dep", "latest", "present", "fixed"), bool("update_cache"),
            str("update_cache_retries"),
            str("update_cache_retry_max_delay"), integer("cache_valid_time"), bool("install_recommends"),
            bool("purge"), bool("autoremove"), str("autoclean"), str("default_release"), str("dpkg_options"),
            bool("force"), str("force_apt_get"), bool("allow_unauthenticated"), bool("allow_downgrade"),
            bool("allow_change_held_packages"), str("upgrade"), bool("only_upgrade"), str("deb"), str("clean"),
            str("lock_timeout"), str("policy_rc_d"), str("fail_on_autoremove"));

    private static final String APT = "DEBIAN_FRONTEND=noninteractive apt-get -y -q "
            + "-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold ";

    @Override
    public String name() {
        return "apt";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        List<String> names = args.list("name");
        if (names.isEmpty()) {
            names = args.list("pkg").isEmpty() ? args.list("package") : args.list("pkg");
        }
        String state = args.string("state", "present");
        // fixed is present with --fix-broken, as in Ansible
        boolean fixBroken = state.equals("fixed");
        if (state.equals("installed") || fixBroken) {
            state = "present";
        } else if (state.equals("removed")) {
            state = "absent";
        }
        var probe = context.sh("command -v apt-get >/dev/null && command -v dpkg-query >/dev/null");
        if (!probe.succeeded()) {
            return ModuleResult.failed("the apt module needs apt-get and dpkg-query in the image, which this image "
                    + "does not have (use the package manager it has, e.g. apk, or a Debian-based image)");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        boolean changed = false;
        if (args.bool("update_cache", false) || args.has("cache_valid_time") && !names.isEmpty()) {
            boolean update = args.bool("update_cache", false) || args.has("cache_valid_time");
            if (update && args.has("cache_valid_time")) {
                int valid = args.integer("cache_valid_time").orElse(0);
                var age = context.sh("f=/var/lib/apt/periodic/update-success-stamp; [ -e $f ] || f=/var/lib/apt/lists; "
                        + "[ -n \"$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)\" ] || { echo 999999999; exit; }; "
                        + "echo $(( $(date +%s) - $(stat -c %Y $f) ))");
                update = parseLong(age.stdout(), Long.MAX_VALUE) > valid;
            }
            boolean updated = update && context.checkMode();
            if (update && !context.checkMode()) {
                // Ansible counts an update only when the index folder changed: refetching the same indexes is ok
                String listsTime = "stat -c %y /var/lib/apt/lists 2>/dev/null";
                ExecResult result = context.sh(listsTime + "; apt-get update -q >&2 && mkdir -p /var/lib/apt/periodic && "
                        + "touch /var/lib/apt/periodic/update-success-stamp && " + listsTime);
                if (!result.succeeded()) {
                    return ModuleResult.failed("Failed to update apt cache: " + lastLines(result.stderr()));
                }
                List<String> times = result.stdout().lines().toList();
                updated = times.size() != 2 || !times.get(0).equals(times.get(1));
            }
            values.put("cache_updated", updated);
            // as in Ansible, an updated cache is a change only when there is nothing else to do
            changed = updated && names.isEmpty() && !args.has("upgrade") && !args.has("deb");
        }
        if (args.has("upgrade") && !args.string("upgrade", "no").equals("no")) {
            String kind = args.string("upgrade", "safe").equals("dist") || args.string("upgrade", "").equals("full")
                    ? "dist-upgrade" : "upgrade";
            ExecResult result = context.sh(APT + (context.checkMode() ? "-s " : "") + kind);
            if (!result.succeeded()) {
                return ModuleResult.failed("'apt-get " + kind + "' failed: " + lastLines(result.stderr()));
            }
            boolean upgraded = result.stdout().lines().anyMatch(l -> l.startsWith("Inst ") || l.startsWith("Setting up "));
            changed |= upgraded;
            values.put("stdout", result.stdout());
            values.put("msg", upgraded ? "packages upgraded" : "");
        }
        if (args.has("deb")) {
            String deb = args.required("deb");
            AptDebFile debFile = new AptDebFile(context, APT);
            return deb.contains("://") ? debFile.installFromUrl(args, deb, dpkgOptions(args), args.bool("force", false))
                    : debFile.install(deb, dpkgOptions(args), args.bool("force", false));
        }
        if (names.isEmpty()) {
            return ModuleResult.changed(changed, values);
        }
        List<String> installed = installed(context, names);
        List<String> wanted = new ArrayList<>();
        String options = options(args) + (fixBroken ? "--fix-broken " : "");
        switch (state) {
            case "present" -> names.stream().filter(n -> !installed.contains(baseName(n)) || n.contains("="))
                    .forEach(wanted::add);
            case "latest" -> wanted.addAll(names);
            case "absent" -> names.stream().filter(n -> installed.contains(baseName(n))).forEach(wanted::add);
            case "build-dep" -> wanted.addAll(names);
            default -> throw new ModuleException("value of state must be one of: absent, build-dep, fixed, latest, "
                    + "present, got: " + state);
        }
        if (state.equals("present") && !wanted.isEmpty()) {
            // a pinned version that is already installed needs no work
            List<String> pinnedMissing = new ArrayList<>();
            for (String n : wanted) {
                if (!n.contains("=") || !installedVersion(context, n)) {
                    pinnedMissing.add(n);
                }
            }
            wanted = pinnedMissing;
        }
        if (wanted.isEmpty()) {
            return ModuleResult.changed(changed, values);
        }
        String verb = switch (state) {
            case "absent" -> args.bool("purge", false) ? "purge" : "remove";
            case "build-dep" -> "build-dep";
            default -> "install";
        };
        String command = APT + options + (context.checkMode() ? "-s " : "") + verb + " " + Sh.join(wanted)
                + (state.equals("absent") && args.bool("autoremove", false) ? " && " + APT + "autoremove" : "");
        ExecResult result = context.sh(command);
        values.put("stdout", result.stdout());
        values.put("stderr", result.stderr());
        values.put("stdout_lines", PyStrings.splitlines(PyStrings.stripLineEnds(result.stdout())));
        if (!result.succeeded()) {
            values.put("rc", result.exitCode());
            return ModuleResult.failed("'apt-get " + verb + " " + String.join(" ", wanted) + "' failed: "
                    + lastLines(result.stderr()), values);
        }
        boolean didSomething = result.stdout().lines().anyMatch(l -> l.startsWith("Inst ") || l.startsWith("Remv ")
                || l.startsWith("Setting up ") || l.startsWith("Removing ") || l.startsWith("Unpacking "));
        return ModuleResult.changed(changed || didSomething, values);
    }

    private static String options(Args args) {
        StringBuilder options = new StringBuilder();
        if (args.has("install_recommends")) {
            options.append(args.bool("install_recommends", true) ? "--install-recommends " : "--no-install-recommends ");
        }
        args.string("default_release").ifPresent(r -> options.append("-t ").append(Sh.quote(r)).append(' '));
        if (args.bool("allow_downgrade", false)) {
            options.append("--allow-downgrades ");
        }
        if (args.bool("allow_unauthenticated", false)) {
            options.append("--allow-unauthenticated ");
        }
        if (args.bool("allow_change_held_packages", false)) {
            options.append("--allow-change-held-packages ");
        }
        if (args.bool("only_upgrade", false)) {
            options.append("--only-upgrade ");
        }
        for (String option : args.list("dpkg_options")) {
            options.append("-o Dpkg::Options::=--").append(Sh.quote(option)).append(' ');
        }
        return options.toString();
    }

    /** Ansible's default dpkg options when none are given. */
    private static List<String> dpkgOptions(Args args) {
        return args.has("dpkg_options") ? args.list("dpkg_options") : List.of("force-confdef", "force-confold");
    }

    private static List<String> installed(ModuleContext context, List<String> names) {
        List<String> bases = names.stream().map(AptModule::baseName).toList();
        ExecResult result = context.sh("dpkg-query -W -f='${Package} ${db:Status-Abbrev}\\n' " + Sh.join(bases)
                + " 2>/dev/null; true");
        List<String> installed = new ArrayList<>();
        result.stdout().lines().forEach(line -> {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 2 && parts[1].startsWith("ii")) {
                installed.add(parts[0]);
            }
        });
        return installed;
    }

    private static boolean installedVersion(ModuleContext context, String pinned) {
        String name = baseName(pinned);
        String version = pinned.substring(pinned.indexOf('=') + 1).replace("*", "");
        ExecResult result = context.sh("dpkg-query -W -f='${Version}' " + Sh.quote(name) + " 2>/dev/null");
        return result.succeeded() && result.stdout().startsWith(version);
    }

    static String baseName(String name) {
        int eq = name.indexOf('=');
        String base = eq < 0 ? name : name.substring(0, eq);
        return base.endsWith("+") || base.endsWith("-") ? base.substring(0, base.length() - 1) : base;
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String lastLines(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}

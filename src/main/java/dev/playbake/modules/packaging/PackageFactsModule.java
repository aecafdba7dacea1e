package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecRequest;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyStrings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.str;

/**
 * {@code package_facts}: the installed packages as {@code ansible_facts.packages}, read with the
 * image's dpkg-query and apt-cache (the values python-apt gives Ansible) or rpm, not Python.
 */
public final class PackageFactsModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            list("manager").defaultsTo(List.of("auto")), str("strategy").defaultsTo("first").choices("first", "all"));

    /** Ansible's package managers, in the order its auto detection tries them. */
    private static final List<String> KNOWN = List.of("rpm", "apt", "pacman", "pkg", "portage", "apk", "pkg_info");

    @Override
    public String name() {
        return "package_facts";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        List<String> requested = args.list("manager").stream().map(m -> m.toLowerCase(java.util.Locale.ROOT)).toList();
        Set<String> managers = new LinkedHashSet<>(requested);
        if (managers.remove("auto")) {
            managers.addAll(KNOWN);
        }
        List<String> unsupported = managers.stream().filter(m -> !KNOWN.contains(m)).toList();
        if (!unsupported.isEmpty()) {
            return ModuleResult.failed(requested.contains("auto")
                    ? "Could not auto detect a usable package manager, check warnings for details."
                    : "Unsupported package managers requested: " + String.join(", ", unsupported));
        }
        String tools = context.sh("for t in dpkg-query rpm; do command -v $t >/dev/null 2>&1 && echo $t; done; exit 0")
                .stdout();
        Map<String, Object> packages = new LinkedHashMap<>();
        int found = 0;
        for (String manager : managers) {
            if (found > 0 && args.string("strategy", "first").equals("first")) {
                break;
            }
            // Ansible reads rpm only through its Python library, which a Debian image with rpm's CLI lacks
            boolean usable = manager.equals("apt") ? tools.contains("dpkg-query")
                    : manager.equals("rpm") && tools.contains("rpm") && !tools.contains("dpkg-query");
            if (usable) {
                found++;
                packages.putAll(manager.equals("apt") ? apt(context) : rpm(context));
            } else if (!manager.equals("apt") && !manager.equals("rpm") && requested.contains(manager)) {
                return ModuleResult.failed("package_facts: playbake reads apt (dpkg) and rpm packages, not " + manager
                        + "'s; a command task can list them (registered, parsed with from_json or split).");
            }
        }
        if (found == 0) {
            return ModuleResult.failed("Could not detect a supported package manager from the following list: "
                    + PyStrings.repr(new ArrayList<>(managers))
                    + ", or the required Python library is not installed. Check warnings for details.");
        }
        return ModuleResult.ok(Map.of("ansible_facts", Map.of("packages", packages)));
    }

    private static Map<String, List<Map<String, Object>>> apt(ModuleContext context) {
        String out = context.exec(ExecRequest.shell(AptPackages.SCRIPT).withEnv(Map.of("LC_ALL", "C"))).stdout();
        return AptPackages.parse(out);
    }

    private static Map<String, List<Map<String, Object>>> rpm(ModuleContext context) {
        String out = context.sh("rpm -qa --queryformat '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n'")
                .stdout();
        Map<String, List<Map<String, Object>>> packages = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f[0]);
            p.put("version", f[1]);
            p.put("release", f[2]);
            p.put("epoch", f[3].equals("(none)") ? null : Integer.valueOf(f[3]));
            p.put("arch", f[4]);
            p.put("source", "rpm");
            packages.computeIfAbsent(f[0], k -> new ArrayList<>()).add(p);
        }
        return packages;
    }
}

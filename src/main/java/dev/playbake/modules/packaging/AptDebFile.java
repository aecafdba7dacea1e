package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.net.GetUrlModule;
import dev.playbake.modules.support.HttpFetch;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code apt: deb=…}: installs .deb files that are in the container or at a URL, as Ansible does: a file
 * whose package is installed at the same version is skipped, the missing direct dependencies are
 * installed with apt-get first, then the files with {@code dpkg -i}.
 */
final class AptDebFile {

    private final ModuleContext context;
    private final String apt;

    AptDebFile(ModuleContext context, String apt) {
        this.context = context;
        this.apt = apt;
    }

    /**
     * A .deb at a URL: downloaded by playbake (like get_url), put in a temporary folder of the container,
     * installed, and removed, as Ansible downloads it to the target's temporary folder.
     */
    ModuleResult installFromUrl(Args args, String url, List<String> dpkgOptions, boolean force) {
        HttpFetch.Answer answer = HttpFetch.send("apt", HttpFetch.Call.of(args, url, "GET", new byte[0], 10),
                context.egress());
        if (answer.status() != 200) {
            return ModuleResult.failed("Failure downloading " + url + ", " + answer.msg());
        }
        String work = "/tmp/.playbake-apt-" + UUID.randomUUID();
        String file = work + "/" + GetUrlModule.urlBasename(url);
        try {
            context.connection().put(List.of(new FileEntry(file, answer.body(), 0644)));
            return install(file, dpkgOptions, force);
        } finally {
            context.sh("rm -rf " + Sh.quote(work));
        }
    }

    ModuleResult install(String debs, List<String> dpkgOptions, boolean force) {
        List<String> files = new ArrayList<>();
        Set<String> dependencies = new LinkedHashSet<>();
        for (String deb : debs.split(",")) {
            String file = deb.strip();
            ExecResult fields = context.sh("dpkg-deb -f " + Sh.quote(file) + " Package Version");
            if (!fields.succeeded()) {
                return ModuleResult.failed("Unable to install package: " + file + " is not a readable .deb file: "
                        + AptModule.lastLines(fields.stderr()));
            }
            Map<String, String> control = control(fields.stdout());
            String name = control.getOrDefault("Package", "");
            ExecResult installed = context.sh("dpkg-query -W -f='${db:Status-Abbrev} ${Version}' " + Sh.quote(name)
                    + " 2>/dev/null");
            String status = installed.stdout().strip();
            if (installed.succeeded() && status.startsWith("ii")
                    && status.substring(status.indexOf(' ') + 1).strip().equals(control.getOrDefault("Version", ""))) {
                continue;
            }
            dependencies.addAll(missingDependencies(file));
            files.add(file);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        boolean changed = false;
        StringBuilder stdout = new StringBuilder();
        if (!dependencies.isEmpty()) {
            ExecResult result = context.sh(apt + (context.checkMode() ? "-s " : "") + "install "
                    + Sh.join(List.copyOf(dependencies)));
            stdout.append(result.stdout());
            if (!result.succeeded()) {
                values.put("stdout", stdout.toString());
                values.put("stderr", result.stderr());
                return ModuleResult.failed("'apt-get install " + String.join(" ", dependencies) + "' failed: "
                        + AptModule.lastLines(result.stderr()), values);
            }
            changed = true;
        }
        if (files.isEmpty()) {
            values.put("stdout", stdout.toString());
            values.put("stderr", "");
            return ModuleResult.changed(changed, values);
        }
        StringBuilder command = new StringBuilder("dpkg");
        dpkgOptions.forEach(option -> command.append(" --").append(Sh.quote(option)));
        if (context.checkMode()) {
            command.append(" --simulate");
        }
        if (force) {
            command.append(" --force-all");
        }
        command.append(" -i ").append(Sh.join(files));
        ExecResult result = context.sh("DEBIAN_FRONTEND=noninteractive " + command);
        stdout.append(result.stdout());
        values.put("stdout", stdout.toString());
        values.put("stderr", result.stderr());
        if (!result.succeeded()) {
            return ModuleResult.failed(command + " failed", values);
        }
        return ModuleResult.changed(true, values);
    }

    /** The packages apt would install for the file, limited to those the file itself depends on. */
    private List<String> missingDependencies(String file) {
        ExecResult depends = context.sh("dpkg-deb -f " + Sh.quote(file) + " Pre-Depends Depends");
        Set<String> direct = new LinkedHashSet<>();
        for (String line : depends.stdout().lines().toList()) {
            String value = line.substring(line.indexOf(':') + 1);
            for (String alternative : value.split("[,|]")) {
                String name = alternative.strip().split("[\\s(:]", 2)[0];
                if (!name.isEmpty()) {
                    direct.add(name);
                }
            }
        }
        if (direct.isEmpty()) {
            return List.of();
        }
        ExecResult simulated = context.sh("apt-get -s -q install " + Sh.quote(file.startsWith("/") ? file : "./" + file));
        List<String> missing = new ArrayList<>();
        simulated.stdout().lines()
                .filter(line -> line.startsWith("Inst "))
                .map(line -> line.split("\\s+")[1])
                .filter(direct::contains)
                .forEach(missing::add);
        return missing;
    }

    private static Map<String, String> control(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        text.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        });
        return fields;
    }
}

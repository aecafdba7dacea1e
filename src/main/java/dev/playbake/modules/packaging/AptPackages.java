package dev.playbake.modules.packaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The installed Debian packages as python-apt describes them to Ansible's package_facts: name (with
 * {@code :arch} for a foreign architecture), version, arch, category (the section) and origin (the
 * {@code Origin} of the first package file of the installed version, empty for dpkg's status alone).
 */
final class AptPackages {

    /** dpkg's packages, the version table of each, and the package files with their release fields. */
    static final String SCRIPT = "echo \"native=$(dpkg --print-architecture)\"; echo '--packages--';"
            + " dpkg-query -W -f '${Package}\\t${binary:Package}\\t${Version}\\t${Architecture}\\t${Section}"
            + "\\t${db:Status-Status}\\n'; echo '--policy--';"
            + " command -v apt-cache >/dev/null 2>&1 && { apt-cache policy $(dpkg-query -W -f '${binary:Package} ');"
            + " echo '--files--'; apt-cache policy; }; exit 0";

    /** dpkg states in which a package has a current version (python-apt's is_installed). */
    private static final Set<String> NOT_INSTALLED = Set.of("not-installed", "config-files");

    private AptPackages() {
    }

    static Map<String, List<Map<String, Object>>> parse(String out) {
        String native_ = "";
        List<String[]> rows = new ArrayList<>();
        Map<String, String> firstFile = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        String section = "";
        String block = "";
        boolean installedVersion = false;
        String file = "";
        for (String line : out.split("\n")) {
            if (line.startsWith("--") && line.endsWith("--")) {
                section = line;
                continue;
            }
            switch (section) {
                case "" -> {
                    if (line.startsWith("native=")) {
                        native_ = line.substring("native=".length()).strip();
                    }
                }
                case "--packages--" -> {
                    String[] f = line.split("\t", -1);
                    if (f.length == 6 && !NOT_INSTALLED.contains(f[5])) {
                        rows.add(f);
                    }
                }
                case "--policy--" -> {
                    if (!line.startsWith(" ") && line.endsWith(":")) {
                        block = line.substring(0, line.length() - 1);
                        installedVersion = false;
                    } else if (line.startsWith(" *** ")) {
                        installedVersion = true;
                    } else if (line.startsWith("     ") && !line.startsWith("        ")) {
                        installedVersion = false;  // another version of the table
                    } else if (line.startsWith("        ") && installedVersion) {
                        firstFile.putIfAbsent(block, withoutPriority(line));
                    }
                }
                default -> {
                    if (line.startsWith("     release ") && !file.isEmpty()) {
                        origins.put(file, field(line.substring("     release ".length()), "o"));
                    } else if (line.matches(" -?[0-9]+ .*")) {
                        file = withoutPriority(line);
                    } else if (!line.startsWith("     ")) {
                        file = "";
                    }
                }
            }
        }
        Map<String, List<Map<String, Object>>> packages = new LinkedHashMap<>();
        for (String[] f : rows) {
            String arch = f[3];
            String name = arch.equals(native_) || arch.equals("all") ? f[0] : f[0] + ":" + arch;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("version", f[2]);
            p.put("arch", arch);
            p.put("category", f[4]);
            String from = firstFile.getOrDefault(f[1], firstFile.getOrDefault(f[0], ""));
            p.put("origin", origins.getOrDefault(from, ""));
            p.put("source", "apt");
            packages.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
        }
        return packages;
    }

    /** {@code 500 http://… Packages} without its pin priority. */
    private static String withoutPriority(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(space + 1);
    }

    /** One {@code k=v} of a release line such as {@code v=12.15,o=Debian,a=oldstable}; empty when absent. */
    private static String field(String release, String key) {
        for (String kv : release.split(",")) {
            if (kv.startsWith(key + "=")) {
                return kv.substring(key.length() + 1);
            }
        }
        return "";
    }
}

package dev.playbake.engine;

import java.util.List;
import java.util.Map;

/** {@code ansible_pkg_mgr} decided as Ansible's fact collector does, from the package managers an image has. */
final class PackageManagerFact {

    /**
     * The paths Ansible looks at, in its order: when several exist the last one found wins, before the
     * distribution family's own rules. Ansible's list also has managers playbake has no module for; an image
     * with one of those alone still gets the right name.
     */
    static final List<Map.Entry<String, String>> PATHS = List.of(
            Map.entry("/usr/bin/rpm-ostree", "atomic_container"),
            Map.entry("/usr/bin/yum", "yum"),
            Map.entry("/usr/bin/dnf", "dnf"),
            Map.entry("/usr/bin/apt-get", "apt"),
            Map.entry("/usr/bin/zypper", "zypper"),
            Map.entry("/usr/sbin/urpmi", "urpmi"),
            Map.entry("/usr/bin/pacman", "pacman"),
            Map.entry("/bin/opkg", "opkg"),
            Map.entry("/sbin/apk", "apk"));

    private PackageManagerFact() {
    }

    /** The shell lines that print {@code pkg_path=…} for each path present and where /usr/bin/dnf leads. */
    static String script() {
        StringBuilder script = new StringBuilder("for p in");
        PATHS.forEach(path -> script.append(' ').append(path.getKey()));
        return script.append("; do [ -e $p ] && echo \"pkg_path=$p\"; done\n")
                .append("[ -e /usr/bin/dnf ] && echo \"dnf_target=$(readlink -f /usr/bin/dnf)\"").toString();
    }

    /**
     * @param found        the paths present, in {@link #PATHS} order
     * @param dnfTarget    what /usr/bin/dnf resolves to, empty without dnf
     * @param family       {@code ansible_os_family}
     * @param distribution {@code ansible_distribution}
     * @param major        {@code ansible_distribution_major_version}
     */
    static String decide(List<String> found, String dnfTarget, String family, String distribution, String major) {
        String manager = "unknown";
        for (Map.Entry<String, String> path : PATHS) {
            if (found.contains(path.getKey())) {
                manager = path.getValue();
            }
        }
        if (family.equals("Debian")) {
            // dnf or rpm installed on Debian does not make them the system's package manager
            return "apt";
        }
        if (!family.equals("RedHat")) {
            return manager;
        }
        if (manager.equals("dnf") && dnfTarget.endsWith("/dnf5")) {
            manager = "dnf5";
        }
        boolean hasYum = found.contains("/usr/bin/yum");
        int version = parse(major);
        // the distribution's official manager when both are there: yum before Fedora 23, Amazon 2022, RHEL 8
        if (distribution.equals("Fedora")) {
            return version < 23 && hasYum ? "yum" : manager;
        }
        if (distribution.equals("Amazon")) {
            return version < 2022 && hasYum ? "yum" : manager;
        }
        return version < 8 ? "yum" : manager;
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}

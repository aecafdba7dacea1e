package dev.playbake.modules.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The installed packages as dnf names them ({@code name-[epoch:]version-release.arch}), to tell what a transaction did. */
record RpmPackages(Set<String> nevras) {

    /** Lists every installed package, one per line; the epoch only when set, as dnf prints a package. */
    static final String QUERY = "rpm -qa --qf '%{NAME}-%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}.%{ARCH}\\n'";

    RpmPackages {
        nevras = Set.copyOf(nevras);
    }

    static RpmPackages parse(String queryOutput) {
        return new RpmPackages(new TreeSet<>(queryOutput.strip().lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList()));
    }

    /** Ansible's results lines for going from this set to {@code after}: what came, then what went. */
    List<String> changesTo(RpmPackages after) {
        List<String> results = new ArrayList<>();
        new TreeSet<>(after.nevras).stream().filter(p -> !nevras.contains(p)).forEach(p -> results.add("Installed: " + p));
        new TreeSet<>(nevras).stream().filter(p -> !after.nevras.contains(p)).forEach(p -> results.add("Removed: " + p));
        return results;
    }
}

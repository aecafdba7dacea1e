package dev.playbake.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ansible_pkg_mgr as ansible-core's collector decides it. */
class PackageManagerFactTest {

    @Test
    void fedoraAndRhelWithDnfSayDnfEvenWithYumBeside() {
        List<String> both = List.of("/usr/bin/yum", "/usr/bin/dnf");
        assertEquals("dnf", PackageManagerFact.decide(both, "/usr/bin/dnf-3", "RedHat", "Fedora", "39"));
        assertEquals("dnf", PackageManagerFact.decide(both, "/usr/bin/dnf-3", "RedHat", "RedHat", "9"));
        assertEquals("dnf", PackageManagerFact.decide(List.of("/usr/bin/dnf"), "/usr/bin/dnf-3", "RedHat", "Rocky", "8"));
    }

    @Test
    void olderReleasesSayYumAndDnf5IsNamed() {
        assertEquals("yum", PackageManagerFact.decide(List.of("/usr/bin/yum", "/usr/bin/dnf"), "/usr/bin/dnf-3",
                "RedHat", "CentOS", "7"));
        assertEquals("yum", PackageManagerFact.decide(List.of("/usr/bin/yum", "/usr/bin/dnf"), "/usr/bin/dnf-3",
                "RedHat", "Fedora", "22"));
        assertEquals("dnf5", PackageManagerFact.decide(List.of("/usr/bin/dnf"), "/usr/bin/dnf5", "RedHat", "Fedora", "41"));
    }

    @Test
    void debianStaysAptWhateverElseIsInstalledAndOthersTakeTheLastFound() {
        assertEquals("apt", PackageManagerFact.decide(List.of("/usr/bin/dnf", "/usr/bin/apt-get"), "/usr/bin/dnf-3",
                "Debian", "Debian", "12"));
        assertEquals("dnf", PackageManagerFact.decide(List.of("/usr/bin/dnf"), "/usr/bin/dnf-3", "Mageia", "Mageia", "9"));
        assertEquals("apk", PackageManagerFact.decide(List.of("/sbin/apk"), "", "Alpine", "Alpine", "3"));
        assertEquals("unknown", PackageManagerFact.decide(List.of(""), "", "NA", "NA", "NA"));
    }
}

package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageFactsModuleTest {

    private static final String APT = """
            native=amd64
            --packages--
            dpkg\tdpkg\t1.21.23\tamd64\tadmin\tinstalled
            tzdata\ttzdata\t2026b-0+deb12u1\tall\tlocalization\tinstalled
            gone\tgone\t1.0\tamd64\tutils\tconfig-files
            libfoo\tlibfoo:i386\t1:2.0-1\ti386\tlibs\tinstalled
            --policy--
            dpkg:
              Installed: 1.21.23
              Candidate: 1.21.24
              Version table:
                 1.21.24 500
                    500 http://mirror/debian bookworm-updates/main amd64 Packages
             *** 1.21.23 500
                    500 http://deb.debian.org/debian bookworm/main amd64 Packages
                    100 /var/lib/dpkg/status
            tzdata:
              Installed: 2026b-0+deb12u1
              Candidate: 2026b-0+deb12u1
              Version table:
             *** 2026b-0+deb12u1 100
                    100 /var/lib/dpkg/status
            --files--
            Package files:
             100 /var/lib/dpkg/status
                 release a=now
             500 http://deb.debian.org/debian bookworm/main amd64 Packages
                 release v=12.15,o=Debian,a=oldstable,n=bookworm,l=Debian,c=main,b=amd64
                 origin deb.debian.org
             500 http://mirror/debian bookworm-updates/main amd64 Packages
                 release o=Mirror,a=oldstable-updates
            Pinned packages:
            """;

    @Test
    void aptPackagesAreWhatPythonAptGivesAnsible() {
        RecordingConnection connection = ModuleHarness.connection()
                .reply("for t in dpkg-query rpm", new ExecResult(0, "dpkg-query\n", ""))
                .reply("--policy--", new ExecResult(0, APT, ""));
        ModuleResult result = ModuleHarness.run("package_facts", connection, Map.of());
        Map<?, ?> packages = (Map<?, ?>) ((Map<?, ?>) result.values().get("ansible_facts")).get("packages");
        assertEquals(List.of("dpkg", "tzdata", "libfoo:i386"), List.copyOf(packages.keySet()), "config-files is not installed");
        assertEquals(List.of(Map.of("name", "dpkg", "version", "1.21.23", "arch", "amd64", "category", "admin",
                "origin", "Debian", "source", "apt")), packages.get("dpkg"), "the installed version's first file");
        assertEquals("", ((Map<?, ?>) ((List<?>) packages.get("tzdata")).get(0)).get("origin"), "dpkg's status alone");
    }

    @Test
    void rpmPackagesHaveReleaseAndEpoch() {
        RecordingConnection connection = ModuleHarness.connection()
                .reply("for t in dpkg-query rpm", new ExecResult(0, "rpm\n", ""))
                .reply("rpm -qa", new ExecResult(0, "bash\t5.1.8\t6.el9\t(none)\tx86_64\nperl-Errno\t1.30\t480.el9\t0\tx86_64\n", ""));
        ModuleResult result = ModuleHarness.run("package_facts", connection, Map.of("manager", List.of("rpm")));
        Map<?, ?> packages = (Map<?, ?>) ((Map<?, ?>) result.values().get("ansible_facts")).get("packages");
        Map<?, ?> bash = (Map<?, ?>) ((List<?>) packages.get("bash")).get(0);
        assertEquals("6.el9", bash.get("release"));
        assertTrue(bash.containsKey("epoch") && bash.get("epoch") == null);
        assertEquals(0, ((Map<?, ?>) ((List<?>) packages.get("perl-Errno")).get(0)).get("epoch"));
    }

    @Test
    void anUnknownManagerFailsAsInAnsible() {
        ModuleResult result = ModuleHarness.run("package_facts", ModuleHarness.connection(), Map.of("manager", List.of("nosuch")));
        assertEquals("Unsupported package managers requested: nosuch", result.values().get("msg"));
    }
}

package dev.playbake.compat;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dnf and rpm_key cases against ansible-playbook on playbake-test/debian-dnf: Ansible's dnf module runs there on
 * Debian's python3-dnf, rpm_key on its rpm and gpg. A separate test because every CompatibilityIT case runs on the
 * Python image, which has no dnf.
 */
class DnfDifferentialIT {

    @Test
    void dnfMatchesAnsible() throws Exception {
        matchesAnsible("dnf");
    }

    @Test
    void rpmKeyMatchesAnsible() throws Exception {
        matchesAnsible("rpm-key");
    }

    private static void matchesAnsible(String name) throws Exception {
        try (DockerHost docker = DockerHost.connect(TestEnvironment.get().dockerHost())) {
            Differential.Report report = new Differential(docker, TestEnvironment.get().debianDnfImage())
                    .run(Path.of("src/test/resources/compat-dnf/" + name), Map.of());
            assertEquals(List.of(), report.problems(), () -> String.join("\n", report.problems()));
        }
    }
}

package dev.playbake.compat;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dnf case against ansible-playbook on playbake-test/debian-dnf: Ansible's dnf module runs there on Debian's
 * python3-dnf. A separate test because every CompatibilityIT case runs on the Python image, which has no dnf.
 */
class DnfDifferentialIT {

    @Test
    void dnfMatchesAnsible() throws Exception {
        try (DockerHost docker = DockerHost.connect(TestEnvironment.get().dockerHost())) {
            Differential.Report report = new Differential(docker, TestEnvironment.get().debianDnfImage())
                    .run(Path.of("src/test/resources/compat-dnf/dnf"), Map.of());
            assertEquals(List.of(), report.problems(), () -> String.join("\n", report.problems()));
        }
    }
}

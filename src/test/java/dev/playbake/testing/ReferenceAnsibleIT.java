package dev.playbake.testing;

import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ContainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reference Ansible reaches a container over community.docker and reports per-task JSON. */
class ReferenceAnsibleIT {

    @Test
    void runsAPlaybookInAContainerAndReportsEachTask(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("playbook.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: write a file
                      copy: {dest: /etc/reference.txt, content: "from ansible\\n", mode: "0600"}
                    - name: write it again
                      copy: {dest: /etc/reference.txt, content: "from ansible\\n", mode: "0600"}
                    - name: not on this host
                      command: /bin/false
                      when: false
                """);
        TestEnvironment env = TestEnvironment.get();
        try (DockerHost docker = DockerHost.connect(env.dockerHost())) {
            String id = docker.startContainer(new ContainerSpec(env.debianPythonImage(),
                    Map.of("playbake.dev/build", "reference-smoke", "playbake.dev/owner", "test")));
            try {
                ReferenceAnsible.Run run = ReferenceAnsible.run(dir, "playbook.yml", id);
                assertEquals(0, run.exitCode());
                assertEquals(List.of(
                        new ReferenceAnsible.TaskStatus("write a file", "changed"),
                        new ReferenceAnsible.TaskStatus("write it again", "ok"),
                        new ReferenceAnsible.TaskStatus("not on this host", "skipped")), run.tasks());
                assertEquals("600 from ansible\n", docker.connection(id)
                        .exec(ExecRequest.shell("printf '%s ' $(stat -c %a /etc/reference.txt); cat /etc/reference.txt"))
                        .stdout());
            } finally {
                docker.removeContainer(id);
            }
        }
    }
}

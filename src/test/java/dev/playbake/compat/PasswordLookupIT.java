package dev.playbake.compat;

import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.engine.TagSelection;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.testing.ReferenceAnsible;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lookup('password')} against Ansible's: the values are random, so each side runs in a
 * directory of its own, twice, and both must leave password files of the same shape next to the
 * playbook (length, mode, directory mode), reuse them on the second run, put files of the same shape
 * in the container, report the same statuses, and playbake must never show a password.
 */
class PasswordLookupIT {

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              vars:
                db_password: "{{ lookup('password', 'credentials/db length=15 chars=ascii_letters,digits') }}"
              tasks:
                - name: configure the database
                  copy:
                    dest: /opt/db.conf
                    content: "password={{ db_password }}\\n"
                    mode: "0600"
                - name: shapes
                  copy:
                    dest: /opt/shapes.txt
                    content: "{{ db_password | length }} {{ lookup('password', '/dev/null length=7 chars=digits') | length }} {{ lookup('password', 'credentials/default') | length }}\\n"
                - name: the same password on every use
                  assert:
                    that: db_password == lookup('password', 'credentials/db')
                - name: show it
                  debug:
                    msg: "the password is {{ db_password }}"
            """;

    private static DockerHost docker;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    @Test
    void passwordFilesHaveAnsiblesShapeAndNeverShow() throws Exception {
        Path ansibleDir = Files.createTempDirectory("password-ansible");
        Path playbakeDir = Files.createTempDirectory("password-playbake");
        String ansibleId = null;
        String playbakeId = null;
        try {
            Files.writeString(ansibleDir.resolve("playbook.yml"), PLAYBOOK);
            Files.writeString(playbakeDir.resolve("playbook.yml"), PLAYBOOK);
            String image = TestEnvironment.get().debianPythonImage();
            ansibleId = docker.startContainer(new ContainerSpec(image, labels("ansible")));
            playbakeId = docker.startContainer(new ContainerSpec(image, labels("playbake")));
            PlaybakeSide playbake = new PlaybakeSide(docker);
            List<String> firstPasswords = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                ReferenceAnsible.Run theirs = ReferenceAnsible.run(ansibleDir, "playbook.yml", ansibleId);
                PlaybakeSide.Run ours = playbake.run(playbakeDir, "playbook.yml", playbakeId, TagSelection.ALL, Map.of(),
                        playbakeDir.resolve("fetched"));
                List<TaskLine> reference = theirs.tasks().stream().map(t -> new TaskLine(t.task(), t.status())).toList();
                assertEquals(List.of(), StatusComparison.differences(reference, ours.tasks()), "run " + round);
                assertEquals(0, theirs.exitCode());
                assertEquals("", ours.failure());

                for (String name : List.of("db", "default")) {
                    FileShape a = FileShape.of(ansibleDir.resolve("credentials/" + name));
                    FileShape b = FileShape.of(playbakeDir.resolve("credentials/" + name));
                    assertEquals(a, b, name + " on run " + round);
                }
                assertEquals(perms(ansibleDir.resolve("credentials")), perms(playbakeDir.resolve("credentials")));
                assertEquals("rwx------", perms(playbakeDir.resolve("credentials")));
                assertEquals(exec(ansibleId, "cat /opt/shapes.txt"), exec(playbakeId, "cat /opt/shapes.txt"));
                assertEquals("15 7 20\n", exec(playbakeId, "cat /opt/shapes.txt"));
                assertEquals(exec(ansibleId, "stat -c '%a %s' /opt/db.conf"), exec(playbakeId, "stat -c '%a %s' /opt/db.conf"));

                String password = Files.readString(playbakeDir.resolve("credentials/db")).strip();
                assertTrue(password.matches("[A-Za-z0-9]{15}"), password);
                assertEquals("password=" + password + "\n", exec(playbakeId, "cat /opt/db.conf"));
                if (round == 1) {
                    firstPasswords.add(password);
                    firstPasswords.add(Files.readString(ansibleDir.resolve("credentials/db")).strip());
                } else {
                    assertEquals(firstPasswords.get(0), password, "the second run reads the stored password");
                    assertEquals(firstPasswords.get(1), Files.readString(ansibleDir.resolve("credentials/db")).strip());
                }
                String log = String.join("\n", ours.log());
                assertFalse(log.contains(password), log);
                assertTrue(log.contains("the password is ********"), log);
            }
        } finally {
            for (String id : new String[] {ansibleId, playbakeId}) {
                if (id != null) {
                    docker.removeContainer(id);
                }
            }
            delete(ansibleDir);
            delete(playbakeDir);
        }
    }

    /** What can be compared of a random password file: its mode, its size and its last byte. */
    private record FileShape(String mode, long size, boolean endsWithNewline) {
        static FileShape of(Path file) throws IOException {
            byte[] content = Files.readAllBytes(file);
            return new FileShape(perms(file), content.length, content.length > 0 && content[content.length - 1] == '\n');
        }
    }

    private static String perms(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String exec(String container, String script) {
        return docker.connection(container).exec(ExecRequest.shell(script)).stdout();
    }

    private static Map<String, String> labels(String side) {
        return Map.of("playbake.dev/build", "password-lookup-" + side, "playbake.dev/test", "compat");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package dev.playbake.imagebuild;

import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build that uses {@code lookup('password')}: the generated password reaches the image, but no
 * log line, no snapshot and no snapshot label; the cache keeps only what came before it.
 */
class PasswordLookupBuildIT {

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
    void aGeneratedPasswordIsNeverShownNorSnapshotted() {
        TestBuild build = new TestBuild("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: before
                      copy: {dest: /etc/before, content: "b\\n"}
                    - name: the password
                      copy: {dest: /etc/app-password, content: "{{ lookup('password', 'secrets/app length=24') }}", mode: "0600"}
                    - name: show it
                      debug: {msg: "password {{ lookup('password', 'secrets/app') }}"}
                    - name: after
                      copy: {dest: /etc/after, content: "a\\n"}
                """);
        build.snapshots = BuildRequest.SnapshotPolicy.EVERY_CHANGE;
        RecordingListener listener = new RecordingListener();
        List<String> images = new ArrayList<>();
        try {
            BuildResult result = build.run(docker, listener);
            images.addAll(listener.snapshots);
            BuildResult.Succeeded ok = assertInstanceOf(BuildResult.Succeeded.class, result, () -> String.valueOf(result));
            images.add(ok.imageId());
            String password = read(build.tag, "cat /etc/app-password");
            assertEquals(24, password.length(), password);

            assertEquals(1, listener.snapshots.size(), "only the task before the password is snapshotted");
            for (String snapshot : listener.snapshots) {
                docker.inspectImage(snapshot).orElseThrow().settings().labels().forEach((k, v) ->
                        assertFalse(v.contains(password), "label " + k + " holds the password"));
            }
            String log = String.join("\n", listener.lines);
            assertFalse(log.contains(password), log);
            assertTrue(log.contains("password ********"), log);
        } finally {
            Collections.reverse(images);
            images.forEach(docker::removeImage);
        }
        assertTrue(docker.containersLabelled("playbake.dev/owner=" + TestBuild.OWNER).isEmpty(), "a build left its container");
    }

    private String read(String image, String script) {
        String id = docker.startContainer(image, Map.of("playbake.dev/build", "verify", "playbake.dev/owner", TestBuild.OWNER));
        try {
            return docker.connection(id).exec(ExecRequest.shell(script)).stdout();
        } finally {
            docker.removeContainer(id);
        }
    }
}

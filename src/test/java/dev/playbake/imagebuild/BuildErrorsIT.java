package dev.playbake.imagebuild;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The playbook errors of a build (issue #4): an undefined variable, a template syntax error and a
 * missing file each end the build with one message naming file:line and the task, and leave no
 * container behind.
 */
class BuildErrorsIT {

    private static DockerHost docker;
    private final List<String> images = new ArrayList<>();

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    @AfterEach
    void removeImages() {
        java.util.Collections.reverse(images);
        images.forEach(docker::removeImage);
        assertTrue(docker.containersLabelled("playbake.dev/owner=" + TestBuild.OWNER).isEmpty(), "a build left its container");
    }

    private static String playbook(String failingTask) {
        return "- hosts: all\n  gather_facts: false\n  tasks:\n"
                + "    - name: fine\n      command: /bin/true\n"
                + failingTask;
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian", "busybox"})
    void aWedgedCommandIsStoppedByTheBuildTimeoutAndLeavesNothing(String base) {
        // the command runs in the container's shell session; the timeout removes the container under it
        TestBuild build = new TestBuild(playbook("    - name: wedged\n      command: sleep 600\n"));
        build.base = base.equals("busybox") ? TestEnvironment.get().busyboxImage() : TestEnvironment.get().debianImage();
        build.timeout = Duration.ofSeconds(3);
        long started = System.nanoTime();
        RecordingListener listener = new RecordingListener();
        BuildResult result = build.run(docker, listener);
        images.addAll(listener.snapshots);
        BuildFailure failure = assertInstanceOf(BuildResult.Failed.class, result, () -> String.valueOf(result)).failure();
        assertEquals(BuildFailure.Reason.TIMEOUT, failure.reason());
        assertEquals("the build took longer than its timeout of 3s", failure.message());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds < 60, "the build ended " + seconds + " s after it started, not at its timeout");
    }

    /** Runs the build and checks the failure's place, task and message. */
    private BuildFailure fails(TestBuild build, String file, int line, String task, String... messageParts) {
        build.cache = BuildRequest.CacheMode.DISABLED;
        RecordingListener listener = new RecordingListener();
        BuildResult result = build.run(docker, listener);
        images.addAll(listener.snapshots);
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class, result, () -> String.valueOf(result));
        BuildFailure failure = failed.failure();
        failure.debugImage().ifPresent(images::add);
        assertEquals(file, failure.file().orElseThrow(), failure::toString);
        assertEquals(line, failure.line(), failure::toString);
        assertEquals(task, failure.task().orElseThrow(), failure::toString);
        for (String part : messageParts) {
            assertTrue(failure.message().contains(part), () -> "'" + part + "' missing from: " + failure.message());
        }
        assertFalse(failure.message().contains("Exception") || failure.message().contains("\tat "),
                () -> "a stack trace reached the user: " + failure.message());
        return failure;
    }

    @Test
    void anUndefinedVariableNamesItself() {
        fails(new TestBuild(playbook("    - name: use it\n      copy: {dest: /x, content: \"{{ nowhere }}\"}\n")),
                "playbook.yml", 6, "use it", "nowhere", "undefined");
    }

    @Test
    void aTemplateSyntaxErrorNamesTheTemplate() {
        TestBuild unclosed = new TestBuild(playbook("    - name: render\n      template: {src: bad.j2, dest: /etc/bad}\n"))
                .file("templates/bad.j2", "line one\n{% if x %}\nnever closed\n");
        unclosed.vars.put("x", true);
        fails(unclosed, "playbook.yml", 6, "render", "templates/bad.j2");
        fails(new TestBuild(playbook("    - name: broken expression\n      debug: {msg: \"{{ 1 + }}\"}\n")),
                "playbook.yml", 6, "broken expression", "syntax error", "1 +");
    }

    @Test
    void aMissingFileNamesTheFile() {
        fails(new TestBuild(playbook("    - name: copy it\n      copy: {src: absent.conf, dest: /etc/absent.conf}\n")),
                "playbook.yml", 6, "copy it", "absent.conf");
        fails(new TestBuild(playbook("    - name: render it\n      template: {src: absent.j2, dest: /etc/absent}\n")),
                "playbook.yml", 6, "render it", "absent.j2");
        fails(new TestBuild(playbook("    - name: include them\n      include_tasks: absent-tasks.yml\n")),
                "playbook.yml", 6, "include them", "absent-tasks.yml");
        fails(new TestBuild(playbook("    - name: run it\n      script: absent.sh\n")),
                "playbook.yml", 6, "run it", "absent.sh");
    }

    @Test
    void delegationToAnotherHostNamesTheTask() {
        fails(new TestBuild(playbook("    - name: elsewhere\n      command: /bin/true\n      delegate_to: db1\n")),
                "playbook.yml", 6, "elsewhere", "delegate_to: db1", "only its build container");
    }

    @Test
    void anUnsupportedArgumentIsNamedWithTheModule() {
        fails(new TestBuild(playbook("    - name: copy it\n      copy: {dest: /etc/x, content: y, destination_mode: '0644'}\n")),
                "playbook.yml", 6, "copy it", "Unsupported parameters for (copy) module: destination_mode",
                "Supported parameters include:");
    }

    @Test
    void aMissingRoleNamesTheRoleAndTheTask() {
        fails(new TestBuild(playbook("    - name: use a role\n      include_role: {name: nowhere}\n")),
                "playbook.yml", 6, "use a role", "nowhere", "not found");
        // import_role is resolved when the playbook is read: PlaybookParserTest checks its file:line and task
    }
}

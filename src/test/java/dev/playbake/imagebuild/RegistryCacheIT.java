package dev.playbake.imagebuild;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.CliBuild;
import dev.playbake.testing.ExtraDockerEngine;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots shared through the dev-env registry between two Docker engines that share nothing else: a build on A
 * exports them, a build on B (its last task changed) imports the deepest one it can use and resumes there, and the
 * CLI on a third engine does the same with {@code --cache-from}.
 */
class RegistryCacheIT {

    private static final String TASKS = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: first
                  ansible.builtin.shell: "echo RUN > /first"
                - name: second
                  ansible.builtin.shell: "dd if=/dev/urandom of=/second bs=1024 count=512 2>/dev/null"
                - name: last
                  ansible.builtin.shell: "echo LAST > /last"
            """;

    private final TestEnvironment env = TestEnvironment.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String cache = env.registry() + "/playbake-it/cache-" + run;

    @TempDir
    Path dir;

    @Test
    void aBuildOnAnotherEngineResumesFromSnapshotsExportedToTheRegistry() throws Exception {
        Path engines = Files.createTempDirectory(Path.of("/tmp"), "pbrc");
        List<ExtraDockerEngine> started = new ArrayList<>();
        try {
            ExtraDockerEngine a = ExtraDockerEngine.start(engines, "a-" + run, List.of(env.busyboxImage()));
            started.add(a);
            ExtraDockerEngine b = ExtraDockerEngine.start(engines, "b-" + run, List.of(env.busyboxImage()));
            started.add(b);
            TestBuild build = new TestBuild(TASKS.replace("RUN", run).replace("LAST", "one"));
            build.base = env.busyboxImage();
            build.credentials = Map.of(env.registry(), env.credentials(env.registry()));

            RecordingListener onA = new RecordingListener();
            try (DockerHost docker = DockerHost.connect(a.uri())) {
                BuildResult first = new ImageBuilder(docker, TestBuild.KEY, Map.of()).build(build.request().toBuilder()
                        .registryCache(new RegistryCache(List.of(), Optional.of(cache))).build(), onA,
                        new CancellationSignal());
                assertInstanceOf(BuildResult.Succeeded.class, first, onA.lines.toString());
            }
            assertTrue(onA.lines.contains("cache: exported 3 snapshot(s) to " + cache), onA.lines.toString());

            build.playbook = TASKS.replace("RUN", run).replace("LAST", "two");
            RecordingListener onB = new RecordingListener();
            long start = System.nanoTime();
            try (DockerHost docker = DockerHost.connect(b.uri())) {
                BuildResult second = new ImageBuilder(docker, TestBuild.KEY, Map.of()).build(build.request().toBuilder()
                        .registryCache(new RegistryCache(List.of(cache), Optional.empty())).build(), onB,
                        new CancellationSignal());
                BuildResult.Succeeded succeeded = assertInstanceOf(BuildResult.Succeeded.class, second,
                        onB.lines.toString());
                assertEquals(2, succeeded.cacheHits(), "resumed after the two tasks A built: " + onB.lines);
            }
            long resumedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(onB.lines.stream().anyMatch(l -> l.startsWith("cache: imported the snapshot after 'second' from "
                    + cache + ":")), onB.lines.toString());
            System.out.println("[measure] a build on engine B resumed from engine A's snapshots in the registry: "
                    + resumedMs + " ms (import of a 0.5 MiB snapshot, one task run)");

            // a third engine, which holds nothing yet; the same vars as the builds above, or the keys differ
            ExtraDockerEngine c = ExtraDockerEngine.start(engines, "c-" + run, List.of(env.busyboxImage()));
            started.add(c);
            CliBuild.Run cli = cli(c, build.playbook.replace("two", "three"), "--cache-from", cache,
                    "-e", "test_build=" + build.vars.get("test_build"));
            String output = cli.stdout() + cli.stderr();
            assertEquals(0, cli.exit(), output);
            assertTrue(output.contains("cache: imported the snapshot after 'second' from " + cache), output);
        } finally {
            started.forEach(ExtraDockerEngine::close);
            Files.deleteIfExists(engines);
        }
    }

    @Test
    void cacheFlagsAreImageRepositoriesWithoutATag() throws Exception {
        CliBuild.Run tagged = cli(null, TASKS, "--cache-to", cache + ":latest");
        assertEquals(2, tagged.exit(), tagged.stderr());
        assertTrue(tagged.stderr().contains("must not have a tag or digest"), tagged.stderr());
        CliBuild.Run malformed = cli(null, TASKS, "--cache-from", "Not A Repository");
        assertEquals(2, malformed.exit(), malformed.stderr());
        assertTrue(malformed.stderr().contains("--cache-from"), malformed.stderr());
    }

    /** The CLI jar building {@code playbook} on busybox, on {@code engine} (none: a closed port, nothing runs). */
    private CliBuild.Run cli(ExtraDockerEngine engine, String playbook, String... flags) throws Exception {
        return CliBuild.run(dir, playbook, engine == null ? "tcp://127.0.0.1:1" : engine.uri(),
                "playbake-it/cache-cli-" + run + ":1", flags);
    }
}

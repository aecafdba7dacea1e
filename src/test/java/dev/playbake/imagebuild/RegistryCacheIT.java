package dev.playbake.imagebuild;

import dev.playbake.docker.DockerHost;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryApi;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.testing.CliBuild;
import dev.playbake.testing.CountingRegistryProxy;
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

    /**
     * Only the layers the importing engine lacks move: engine B got the base image from the registry (so it knows
     * its blob), then imports the snapshot after 'second' through a counting proxy; the blobs it fetched are that
     * snapshot's image configuration and the layers of its manifest that the base's manifest lacks, each once.
     */
    @Test
    void anImportFetchesOnlyTheLayersTheEngineLacks() throws Exception {
        Path engines = Files.createTempDirectory(Path.of("/tmp"), "pbrl");
        List<ExtraDockerEngine> started = new ArrayList<>();
        RegistryCredentials credentials = env.credentials(env.registry());
        String baseRepository = env.registry() + "/playbake-it/cache-base-" + run;
        try (CountingRegistryProxy proxy = CountingRegistryProxy.start(env.registry())) {
            ExtraDockerEngine a = ExtraDockerEngine.start(engines, "la-" + run, List.of(env.busyboxImage()));
            started.add(a);
            TestBuild build = new TestBuild(TASKS.replace("RUN", run).replace("LAST", "one"));
            build.base = env.busyboxImage();
            build.credentials = Map.of(env.registry(), credentials);
            try (DockerHost docker = DockerHost.connect(a.uri())) {
                RecordingListener onA = new RecordingListener();
                assertInstanceOf(BuildResult.Succeeded.class, new ImageBuilder(docker, TestBuild.KEY, Map.of())
                        .build(build.request().toBuilder().registryCache(new RegistryCache(List.of(), Optional.of(cache)))
                                .build(), onA, new CancellationSignal()), onA.lines.toString());
                docker.tag(env.busyboxImage(), baseRepository + ":1");
                docker.push(baseRepository + ":1", Optional.of(credentials));
            }

            ExtraDockerEngine b = ExtraDockerEngine.start(engines, "lb-" + run, List.of());
            started.add(b);
            build.playbook = TASKS.replace("RUN", run).replace("LAST", "two");
            String throughProxy = proxy.address() + cache.substring(env.registry().length());
            RecordingListener onB = new RecordingListener();
            try (DockerHost docker = DockerHost.connect(b.uri())) {
                docker.pull(baseRepository + ":1", Optional.of(credentials));
                docker.tag(baseRepository + ":1", env.busyboxImage());
                BuildResult second = new ImageBuilder(docker, TestBuild.KEY, Map.of()).build(build.request().toBuilder()
                        .registryCache(new RegistryCache(List.of(throughProxy), Optional.empty(), Optional.of(
                                new RegistryCredentials(proxy.address(), credentials.username(), credentials.password()))))
                        .build(), onB, new CancellationSignal());
                assertEquals(2, assertInstanceOf(BuildResult.Succeeded.class, second, onB.lines.toString()).cacheHits());
            }
            String imported = onB.lines.stream().filter(l -> l.startsWith("cache: imported the snapshot after 'second'"))
                    .findFirst().orElseThrow(() -> new AssertionError(onB.lines.toString()));
            String key = imported.substring(imported.lastIndexOf(':') + 1).strip();
            RegistryApi api = new RegistryApi(env.registry(), Optional.of(credentials));
            RegistryApi.Manifest snapshot = api.manifest(RegistryApi.path(ImageReference.parse(cache)), key).orElseThrow();
            RegistryApi.Manifest base = api.manifest(RegistryApi.path(ImageReference.parse(baseRepository)), "1")
                    .orElseThrow();
            List<String> lacked = snapshot.layers().stream().filter(l -> !base.layers().contains(l)).toList();
            List<String> layersFetched = proxy.blobsFetched().stream().filter(d -> !d.equals(snapshot.configDigest()))
                    .toList();
            System.out.println("[measure] import on engine B: " + snapshot.layers().size() + " layer(s) in the "
                    + "snapshot, " + lacked.size() + " lacked, " + layersFetched.size() + " fetched; requests: "
                    + proxy.requests());
            assertEquals(1, lacked.size(), "the snapshot is the base's layer and one of its own: " + snapshot.layers());
            assertEquals(lacked, layersFetched, "layer blobs B fetched");
            assertEquals(List.of(snapshot.configDigest()), proxy.blobsFetched().stream()
                    .filter(d -> d.equals(snapshot.configDigest())).toList(), "and the snapshot's configuration, once");
        } finally {
            started.forEach(ExtraDockerEngine::close);
            Files.deleteIfExists(engines);
        }
    }

    /**
     * {@code playbake cache prune --registry}: of two builds of one owner whose chains share nothing, the older one's
     * snapshots are deleted through the registry's API and the newest build's stay.
     */
    @Test
    void pruneOfARegistryCacheKeepsTheNewestBuildsSnapshots() throws Exception {
        Path engines = Files.createTempDirectory(Path.of("/tmp"), "pbrp");
        ExtraDockerEngine a = ExtraDockerEngine.start(engines, "pa-" + run, List.of(env.busyboxImage()));
        RegistryCredentials credentials = env.credentials(env.registry());
        try (DockerHost docker = DockerHost.connect(a.uri())) {
            TestBuild build = new TestBuild(TASKS.replace("RUN", run + " old").replace("LAST", "one"));
            build.base = env.busyboxImage();
            build.credentials = Map.of(env.registry(), credentials);
            String newest = "";
            for (String first : List.of(run + " old", run + " new")) {
                build.playbook = TASKS.replace("RUN", first).replace("LAST", "one");
                BuildRequest request = build.request().toBuilder()
                        .registryCache(new RegistryCache(List.of(), Optional.of(cache))).build();
                RecordingListener listener = new RecordingListener();
                assertInstanceOf(BuildResult.Succeeded.class, new ImageBuilder(docker, TestBuild.KEY, Map.of())
                        .build(request, listener, new CancellationSignal()), listener.lines.toString());
                newest = request.buildId();
            }
            RegistryApi api = new RegistryApi(env.registry(), Optional.of(credentials));
            String path = RegistryApi.path(ImageReference.parse(cache));
            assertEquals(6, api.tags(path).size());

            CliBuild.Run refused = CliBuild.playbake(dir, "cache", "prune", "--registry", cache + ":1");
            assertEquals(2, refused.exit(), refused.output());
            CliBuild.Run prune = CliBuild.playbake(dir, "cache", "prune", "--registry", cache);
            assertEquals(0, prune.exit(), prune.output());
            assertTrue(prune.stdout().contains("3 of 6 snapshots removed from " + cache), prune.output());
            List<String> left = api.tags(path);
            assertEquals(3, left.size(), left.toString());
            for (String tag : left) {
                assertEquals(newest, api.config(path, api.manifest(path, tag).orElseThrow().configDigest()).labels()
                        .get("playbake.dev/build"), "the newest build's snapshot " + tag);
            }
        } finally {
            a.close();
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

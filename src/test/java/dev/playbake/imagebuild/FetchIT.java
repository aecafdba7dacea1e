package dev.playbake.imagebuild;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.ArtifactStore;
import dev.playbake.template.PasswordStore;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fetch on the real Docker engine: files in the artifact folder, Ansible's statuses, and builds resumed past it. */
class FetchIT {

    private static DockerHost docker;
    private final List<String> images = new ArrayList<>();

    @TempDir
    Path dir;

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
        Collections.reverse(images);  // children before parents
        images.forEach(docker::removeImage);
        assertTrue(docker.containersLabelled("playbake.dev/owner=" + TestBuild.OWNER).isEmpty(), "a build left its container");
    }

    private static String playbook(String... tasks) {
        return "- hosts: all\n  gather_facts: false\n  tasks:\n" + String.join("", tasks);
    }

    private static String write(String name, String path, String content) {
        return "    - name: " + name + "\n      copy: {dest: " + path + ", content: \"" + content + "\\n\"}\n";
    }

    private static String fetch(String name, String args) {
        return "    - name: " + name + "\n      fetch: " + args + "\n";
    }

    private ImageBuilder builder() {
        return new ImageBuilder(docker, TestBuild.KEY, Map.of(), PasswordStore.inMemory(),
                new ArtifactStore(dir.resolve("store")));
    }

    private BuildResult run(TestBuild build, RecordingListener listener) {
        BuildResult result = build.run(builder(), listener);
        images.addAll(listener.snapshots);
        if (result instanceof BuildResult.Succeeded ok) {
            images.add(ok.imageId());
        }
        return result;
    }

    private BuildResult.Succeeded succeed(TestBuild build, RecordingListener listener) {
        BuildResult result = run(build, listener);
        return assertInstanceOf(BuildResult.Succeeded.class, result, () -> result + "\n" + listener.lines);
    }

    private TestBuild build(Path artifacts, String... tasks) {
        TestBuild build = new TestBuild(playbook(tasks));
        build.artifacts = Optional.of(artifacts);
        return build;
    }

    @Test
    void fetchesIntoTheArtifactFolderFlatAndByHostAndIsOkWhenTheFileIsAlreadyThere() throws IOException {
        Path out = dir.resolve("artifacts");
        TestBuild build = build(out, write("report", "/opt/report.txt", "tests passed"),
                fetch("by host", "{src: /opt/report.txt, dest: hosts}"),
                "    - name: link\n      file: {src: /opt/report.txt, dest: /opt/link.txt, state: link}\n",
                fetch("through a link", "{src: /opt/link.txt, dest: linked.txt, flat: true}"),
                fetch("flat", "{src: /opt/report.txt, dest: reports/, flat: true}"),
                fetch("flat named", "{src: /opt/report.txt, dest: /sbom/report-1.txt, flat: yes}"));
        build.cache = BuildRequest.CacheMode.DISABLED;
        RecordingListener first = new RecordingListener();
        succeed(build, first);
        assertEquals(List.of("report=changed", "by host=changed", "link=changed", "through a link=changed", "flat=changed",
                "flat named=changed"), first.statuses());
        assertEquals("tests passed\n", Files.readString(out.resolve("linked.txt")), "fetch follows links");
        assertEquals("tests passed\n", Files.readString(out.resolve("hosts/localhost/opt/report.txt")));
        assertEquals("tests passed\n", Files.readString(out.resolve("reports/report.txt")));
        assertEquals("tests passed\n", Files.readString(out.resolve("sbom/report-1.txt")));

        RecordingListener second = new RecordingListener();
        succeed(build, second);
        assertEquals(List.of("report=changed", "by host=ok", "link=changed", "through a link=ok", "flat=ok",
                "flat named=ok"), second.statuses(),
                "the same file already in the folder is no change, as in Ansible");
    }

    @Test
    void aMissingFileFailsUnlessFailOnMissingIsFalse() {
        TestBuild tolerant = build(dir.resolve("a"), fetch("maybe", "{src: /nonexistent, dest: out, fail_on_missing: false}"),
                "    - name: directory\n      fetch: {src: /etc, dest: out, fail_on_missing: false}\n      register: d\n",
                "    - assert: {that: [\"d.msg == 'remote file is a directory, fetch cannot work on directories, "
                        + "not transferring, ignored'\"]}\n");
        tolerant.cache = BuildRequest.CacheMode.DISABLED;
        RecordingListener ok = new RecordingListener();
        succeed(tolerant, ok);
        assertEquals("maybe=ok", ok.statuses().get(0));
        assertFalse(Files.exists(dir.resolve("a/out")));

        TestBuild strict = build(dir.resolve("b"), fetch("must", "{src: /nonexistent, dest: out}"));
        strict.cache = BuildRequest.CacheMode.DISABLED;
        BuildResult result = run(strict, new RecordingListener());
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class, result);
        assertTrue(failed.failure().message().contains("the remote file does not exist, not transferring, ignored"),
                failed.failure().message());
    }

    @Test
    void anAllCachedRebuildRunsNothingAndStillHandsTheFilesOver() throws IOException {
        TestBuild build = build(dir.resolve("first"), write("sbom", "/opt/sbom.json", "{}"),
                fetch("fetch sbom", "{src: /opt/sbom.json, dest: ./, flat: true}"),
                write("after", "/opt/after", "x"));
        succeed(build, new RecordingListener());
        assertEquals("{}\n", Files.readString(dir.resolve("first/sbom.json")));

        build.artifacts = Optional.of(dir.resolve("fresh"));
        RecordingListener again = new RecordingListener();
        succeed(build, again);
        assertEquals(0, again.execs, "a fully cached build runs no command");
        assertEquals(List.of("sbom=cached", "fetch sbom=cached", "after=cached"), again.statuses());
        assertEquals("{}\n", Files.readString(dir.resolve("fresh/sbom.json")));
    }

    @Test
    void editingATaskAfterTheFetchResumesPastItWithTheFile() throws IOException {
        String before = write("report", "/opt/r.txt", "r1") + fetch("fetch", "{src: /opt/r.txt, dest: out/, flat: true}")
                + write("after", "/opt/after", "a");
        TestBuild build = build(dir.resolve("first"), before + write("last", "/opt/last", "1"));
        succeed(build, new RecordingListener());

        build.playbook = playbook(before + write("last", "/opt/last", "2"));
        build.artifacts = Optional.of(dir.resolve("edited"));
        RecordingListener edited = new RecordingListener();
        succeed(build, edited);
        assertEquals(List.of("report=cached", "fetch=cached", "after=cached", "last=changed"), edited.statuses());
        assertEquals("r1\n", Files.readString(dir.resolve("edited/out/r.txt")));
    }

    @Test
    void withoutTheStoredCopyTheCacheIsNotUsedPastTheFetch() throws IOException {
        String tasks = write("report", "/opt/r.txt", "r1") + fetch("fetch", "{src: /opt/r.txt, dest: out/, flat: true}")
                + write("after", "/opt/after", "a");
        TestBuild build = build(dir.resolve("first"), tasks);
        succeed(build, new RecordingListener());
        try (var files = Files.walk(dir.resolve("store"))) {
            for (Path file : files.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }

        build.artifacts = Optional.of(dir.resolve("second"));
        RecordingListener again = new RecordingListener();
        succeed(build, again);
        assertEquals(List.of("report=cached", "fetch=changed", "after=changed"), again.statuses(),
                "resumes from the snapshot before the fetch");
        assertEquals("r1\n", Files.readString(dir.resolve("second/out/r.txt")));
    }

    @Test
    void aDestThatClimbsOutStaysInsideTheArtifactFolder() throws IOException {
        String name = "escape-" + UUID.randomUUID();
        TestBuild build = build(dir.resolve("artifacts"), write("f", "/opt/f", "x"),
                fetch("climb", "{src: /opt/f, dest: ../../../../../../tmp/" + name + ", flat: true}"),
                fetch("absolute", "{src: /opt/f, dest: /tmp/" + name + "-abs, flat: true}"));
        build.cache = BuildRequest.CacheMode.DISABLED;
        succeed(build, new RecordingListener());
        assertEquals("x\n", Files.readString(dir.resolve("artifacts/tmp/" + name)));
        assertEquals("x\n", Files.readString(dir.resolve("artifacts/tmp/" + name + "-abs")));
        assertFalse(Files.exists(Path.of("/tmp/" + name)));
        assertFalse(Files.exists(Path.of("/tmp/" + name + "-abs")));
    }

    @Test
    void aBuildWithoutAnArtifactFolderRefusesFetchBeforeItStarts() {
        TestBuild build = new TestBuild(playbook(write("w", "/opt/w", "w"), fetch("get it", "{src: /opt/w, dest: out}")));
        RecordingListener listener = new RecordingListener();
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class, run(build, listener));
        assertEquals(BuildFailure.Reason.INVALID_SPEC, failed.failure().reason());
        assertEquals(Optional.of("playbook.yml"), failed.failure().file());
        assertEquals(6, failed.failure().line());
        assertTrue(failed.failure().message().contains("task 'get it': fetch writes to the build's artifact folder"),
                failed.failure().message());
        assertEquals(List.of(), listener.statuses(), "no task ran");
    }
}

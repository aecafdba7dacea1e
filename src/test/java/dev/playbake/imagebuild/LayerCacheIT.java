package dev.playbake.imagebuild;

import com.sun.net.httpserver.HttpServer;
import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.CacheInventory;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache semantics (docs/architecture.md, "The layer cache") on the real Docker engine, counted in execs. */
class LayerCacheIT {

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
        java.util.Collections.reverse(images);  // children before parents
        images.forEach(docker::removeImage);
        assertTrue(docker.containersLabelled("playbake.dev/owner=" + TestBuild.OWNER).isEmpty(), "a build left its container");
    }

    private static String playbook(String... tasks) {
        StringBuilder text = new StringBuilder("- hosts: all\n  gather_facts: false\n  tasks:\n");
        for (String task : tasks) {
            text.append(task);
        }
        return text.toString();
    }

    private static String write(String name, String path, String content) {
        return "    - name: " + name + "\n      copy: {dest: " + path + ", content: \"" + content + "\\n\"}\n";
    }

    private BuildResult.Succeeded succeed(TestBuild build, RecordingListener listener) {
        BuildResult result = build.run(docker, listener);
        images.addAll(listener.snapshots);
        BuildResult.Succeeded ok = assertInstanceOf(BuildResult.Succeeded.class, result, () -> String.valueOf(result));
        images.add(ok.imageId());
        return ok;
    }

    @Test
    void anUnchangedRebuildRunsNothingAndGivesTheSameImage() {
        TestBuild build = new TestBuild(playbook(write("one", "/etc/one", "1"), write("two", "/etc/two", "2"),
                "    - name: three\n      command: touch /etc/three\n"));
        RecordingListener first = new RecordingListener();
        String imageId = succeed(build, first).imageId();
        assertEquals(List.of("one=changed", "two=changed", "three=changed"), first.statuses());
        assertTrue(first.execs > 0);

        RecordingListener second = new RecordingListener();
        BuildResult.Succeeded again = succeed(build, second);
        assertEquals(List.of("one=cached", "two=cached", "three=cached"), second.statuses());
        assertEquals(0, second.execs, "a fully cached build runs no command");
        assertEquals(imageId, again.imageId());
        assertEquals(3, again.cacheHits());
    }

    @Test
    void aSnapshotOfLargeChangesMovesTheBuildOntoItSoLaterCommitsWriteOnlyTheirOwnChanges() {
        // 100 MiB of changes: over the 64 MiB after which the build moves onto its snapshot
        TestBuild build = new TestBuild(playbook(
                "    - name: large\n      command: dd if=/dev/zero of=/opt/large bs=1M count=100\n",
                write("small one", "/etc/one", "1"), write("small two", "/etc/two", "2")));
        RecordingListener first = new RecordingListener();
        BuildResult.Succeeded built = succeed(build, first);
        assertEquals(3, first.snapshots.size(), String.valueOf(first.snapshots));
        int base = docker.layerCount(TestEnvironment.get().debianImage());
        int afterLarge = docker.layerCount(first.snapshots.get(0));
        // the later snapshots are one small layer on the large one: their commits did not copy the large file again
        assertEquals(base + 1, afterLarge);
        assertEquals(afterLarge + 1, docker.layerCount(first.snapshots.get(1)));
        assertEquals(afterLarge + 1, docker.layerCount(first.snapshots.get(2)));
        long large = size(first.snapshots.get(0));
        assertTrue(size(first.snapshots.get(2)) - large < 1024 * 1024, "the last snapshot adds "
                + (size(first.snapshots.get(2)) - large) + " bytes to the large one");
        assertEquals("104857600 1 2\n", run(built.imageId(), "echo $(stat -c %s /opt/large) $(cat /etc/one /etc/two)"));

        // a rebuild after an edit resumes from the snapshot the build moved onto
        build.playbook = playbook("    - name: large\n      command: dd if=/dev/zero of=/opt/large bs=1M count=100\n",
                write("small one", "/etc/one", "1"), write("small two", "/etc/two", "two"));
        RecordingListener edited = new RecordingListener();
        String image = succeed(build, edited).imageId();
        assertEquals(List.of("large=cached", "small one=cached", "small two=changed"), edited.statuses());
        assertEquals("104857600 1 two\n", run(image, "echo $(stat -c %s /opt/large) $(cat /etc/one /etc/two)"));
    }

    @Test
    void aResumedPlaySeesTheFactsItsStartGatheredNotFactsOfTheSnapshot() {
        // root's shell is /bin/bash when the play starts; the second task changes it. The last task sees the facts
        // of the play's start in one run, and must see the same when it runs alone on the snapshot
        String start = "- hosts: all\n  tasks:\n"
                + "    - name: stamp\n      set_fact: {stamp: first, cacheable: true}\n"
                + "    - name: shell\n      user: {name: root, shell: /bin/sh}\n";
        String last = "    - name: seen\n      copy: {dest: /etc/seen, content: \"{{ ansible_user_shell }}"
                + " {{ ansible_facts.stamp }} %s\\n\"}\n";
        TestBuild build = new TestBuild(start + last.formatted("1"));
        RecordingListener cold = new RecordingListener();
        assertEquals("/bin/bash first 1\n", run(succeed(build, cold).imageId(), "cat /etc/seen"));
        assertEquals(List.of("Gathering Facts=ok", "stamp=ok", "shell=changed", "seen=changed"), cold.statuses());

        build.playbook = start + last.formatted("2");
        RecordingListener resumed = new RecordingListener();
        String image = succeed(build, resumed).imageId();
        assertEquals(List.of("stamp=cached", "shell=cached", "seen=changed"), resumed.statuses(),
                "the facts came with the snapshot: none gathered");
        assertEquals("/bin/bash first 2\n", run(image, "cat /etc/seen"));
    }

    @Test
    void editingATaskRerunsItAndEverythingAfterIt() {
        String[] tasks = {write("one", "/etc/one", "1"), write("two", "/etc/two", "2"), write("three", "/etc/three", "3"),
                write("four", "/etc/four", "4")};
        TestBuild build = new TestBuild(playbook(tasks));
        succeed(build, new RecordingListener());

        tasks[2] = write("three", "/etc/three", "three");
        build.playbook = playbook(tasks);
        RecordingListener edited = new RecordingListener();
        String image = succeed(build, edited).imageId();
        assertEquals(List.of("one=cached", "two=cached", "three=changed", "four=changed"), edited.statuses());
        assertEquals("1\n2\nthree\n4\n", run(image, "cat /etc/one /etc/two /etc/three /etc/four"));
    }

    @Test
    void editingATaskInsideARoleRerunsFromThatTaskNotTheWholeRole() {
        String[] tasks = {"- name: r1\n  copy: {dest: /etc/r1, content: \"1\\n\"}\n",
                "- name: r2\n  copy: {dest: /etc/r2, content: \"2\\n\"}\n",
                "- name: r3\n  import_tasks: more.yml\n",
                "- name: r5\n  copy: {dest: /etc/r5, content: \"5\\n\"}\n"};
        TestBuild build = new TestBuild("- hosts: all\n  gather_facts: false\n  roles:\n    - {role: app, app_mode: on}\n"
                + "  tasks:\n" + write("after", "/etc/after", "after"));
        build.file("roles/app/tasks/main.yml", String.join("", tasks));
        build.file("roles/app/tasks/more.yml", "- name: r4\n  command: touch /etc/r4\n");
        build.file("roles/app/defaults/main.yml", "app_mode: off\n");
        RecordingListener first = new RecordingListener();
        succeed(build, first);
        assertEquals(List.of("r1=changed", "r2=changed", "r4=changed", "r5=changed", "after=changed"),
                first.statuses().stream().map(s -> s.replace("app : ", "")).toList());

        // an edit of the role's second task: its first task, a step of its own now, is resumed past
        tasks[1] = "- name: r2\n  copy: {dest: /etc/r2, content: \"two\\n\"}\n";
        build.file("roles/app/tasks/main.yml", String.join("", tasks));
        RecordingListener edited = new RecordingListener();
        String image = succeed(build, edited).imageId();
        assertEquals(List.of("r1=cached", "r2=changed", "r4=changed", "r5=changed", "after=changed"),
                edited.statuses().stream().map(s -> s.replace("app : ", "")).toList());
        assertEquals("1\ntwo\n5\nafter\n", run(image, "cat /etc/r1 /etc/r2 /etc/r5 /etc/after"));

        // inside a static import too; the role's own keywords and defaults still reach its later tasks
        build.file("roles/app/tasks/more.yml", "- name: r4\n  copy: {dest: /etc/r4, content: \"{{ app_mode }}\\n\"}\n");
        RecordingListener imported = new RecordingListener();
        image = succeed(build, imported).imageId();
        assertEquals(List.of("r1=cached", "r2=cached", "r4=changed", "r5=changed", "after=changed"),
                imported.statuses().stream().map(s -> s.replace("app : ", "")).toList());
        assertEquals("True\n", run(image, "cat /etc/r4"), "the role's parameter, over its default");
    }

    @Test
    void underAutoAnEditOfTheLastTaskRerunsOnlyIt() {
        String[] tasks = new String[8];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = write("t" + i, "/etc/t" + i, String.valueOf(i));
        }
        TestBuild build = new TestBuild(playbook(tasks));
        build.snapshots = BuildRequest.SnapshotPolicy.AUTO;
        RecordingListener first = new RecordingListener();
        succeed(build, first);
        assertTrue(first.snapshots.size() >= 3, "each of the last three steps that changed something: " + first.snapshots);

        tasks[7] = write("t7", "/etc/t7", "seven");
        build.playbook = playbook(tasks);
        RecordingListener edited = new RecordingListener();
        String image = succeed(build, edited).imageId();
        assertEquals(7, edited.count(TaskReport.Status.CACHED), edited.statuses().toString());
        assertEquals("t7=changed", edited.statuses().get(7));
        assertEquals("6\nseven\n", run(image, "cat /etc/t6 /etc/t7"));
    }

    @Test
    void aWrittenBlockStaysOneStepSoWhatItRemovesIsInNoLayer() {
        TestBuild build = new TestBuild(playbook("    - name: tool\n      block:\n"
                + "        - name: install\n          command: dd if=/dev/zero of=/opt/tool bs=1M count=1\n"
                + "        - name: use\n          command: cp /opt/tool /etc/made\n"
                + "        - name: remove\n          file: {path: /opt/tool, state: absent}\n",
                write("after", "/etc/after", "after")));
        RecordingListener first = new RecordingListener();
        succeed(build, first);
        assertEquals(2, first.snapshots.size(), "one snapshot for the block, one for the task after it");
        assertEquals("absent\n", run(first.snapshots.get(0), "test -e /opt/tool && echo present || echo absent"));
    }

    @Test
    void changingAFileATaskReadsInvalidatesFromThatTask() {
        TestBuild build = new TestBuild(playbook(write("one", "/etc/one", "1"),
                "    - name: templated\n      template: {src: app.j2, dest: /etc/app.conf}\n",
                write("three", "/etc/three", "3")));
        build.file("templates/app.j2", "port={{ port }}\n");
        build.vars.put("port", 80);
        succeed(build, new RecordingListener());

        build.file("templates/app.j2", "port={{ port }} # edited\n");
        RecordingListener edited = new RecordingListener();
        String image = succeed(build, edited).imageId();
        assertEquals(List.of("one=cached", "templated=changed", "three=changed"), edited.statuses());
        assertEquals("port=80 # edited\n", run(image, "cat /etc/app.conf"));

        build.vars.put("port", 81);
        RecordingListener newVar = new RecordingListener();
        succeed(build, newVar);
        assertEquals(0, newVar.count(TaskReport.Status.CACHED), "a changed extra var invalidates everything");

        build.base = TestEnvironment.get().debianPythonImage();
        RecordingListener newBase = new RecordingListener();
        succeed(build, newBase);
        assertEquals(0, newBase.count(TaskReport.Status.CACHED), "a changed base image invalidates everything");
    }

    @Test
    void aResumedBuildKeepsTheGroupsOfGroupByAndAddHost() {
        String grouping = "- hosts: all\n  gather_facts: false\n  tasks:\n"
                + "    - name: group\n      group_by: {key: os_Debian}\n"
                + "    - name: vars\n      add_host: {name: \"{{ inventory_hostname }}\", tier: front}\n"
                + write("one", "/etc/one", "1");
        String later = "- hosts: os_RedHat\n  gather_facts: false\n  tasks:\n" + write("not here", "/etc/redhat", "x")
                + "- hosts: os_Debian\n  gather_facts: false\n  tasks:\n";
        TestBuild build = new TestBuild(grouping + later
                + write("names", "/etc/names", "{{ group_names | join(',') }} {{ tier }}"));
        succeed(build, new RecordingListener());

        build.playbook = grouping + later + write("names", "/etc/names", "{{ group_names | join(',') }} {{ tier }} edited");
        RecordingListener edited = new RecordingListener();
        String image = succeed(build, edited).imageId();
        // the groups come back from the snapshot's state: the Debian play runs, the RedHat one is still skipped
        assertEquals(List.of("group=cached", "vars=cached", "one=cached", "names=changed"), edited.statuses());
        assertEquals("os_Debian front edited\n", run(image, "cat /etc/names; ls /etc/redhat 2>/dev/null"));
    }

    @Test
    void aFixedFailureResumesBeforeItWithRegisteredVariablesRestored() {
        String register = "    - name: read the kernel name\n      command: uname -s\n      register: kernel\n";
        String useIt = "    - name: write it down\n      copy: {dest: /etc/kernel-name, content: \"{{ kernel.stdout }}\\n\"}\n";
        String broken = "    - name: broken\n      command: /bin/false\n";
        TestBuild build = new TestBuild(playbook(write("one", "/etc/one", "1"), register, broken, useIt));
        RecordingListener failing = new RecordingListener();
        BuildResult failed = build.run(docker, failing);
        images.addAll(failing.snapshots);
        BuildResult.Failed failure = assertInstanceOf(BuildResult.Failed.class, failed);
        assertEquals(BuildFailure.Reason.PLAYBOOK_FAILED, failure.failure().reason());
        assertEquals(9, failure.failure().line(), "the failure names the task's line");
        assertEquals("playbook.yml", failure.failure().file().orElseThrow());
        assertEquals("broken", failure.failure().task().orElseThrow());
        failure.failure().debugImage().ifPresent(images::add);

        build.playbook = playbook(write("one", "/etc/one", "1"), register,
                "    - name: fixed\n      command: /bin/true\n", useIt);
        RecordingListener fixed = new RecordingListener();
        String image = succeed(build, fixed).imageId();
        assertEquals(List.of("one=cached", "read the kernel name=cached", "fixed=changed", "write it down=changed"),
                fixed.statuses());
        assertEquals("Linux\n", run(image, "cat /etc/kernel-name"), "the registered variable came back from the snapshot");
    }

    @Test
    void noCacheRunsEverythingAndSecretsNeverReachALabel() {
        TestBuild build = new TestBuild(playbook(
                "    - name: use the secret\n      copy: {dest: /etc/app-token, content: \"{{ token }}\", mode: \"0600\"}\n",
                "    - name: read it back quietly\n      command: cat /etc/app-token\n      register: token_file\n      no_log: true\n",
                "    - name: remove it\n      file: {path: /etc/app-token, state: absent}\n",
                write("after", "/etc/after", "a")));
        build.secrets.put("token", "s3cr3t-t0ken-value");
        RecordingListener listener = new RecordingListener();
        succeed(build, listener);
        for (String snapshot : listener.snapshots) {
            Map<String, String> labels = docker.inspectImage(snapshot).orElseThrow().settings().labels();
            labels.forEach((k, v) -> assertFalse(v.contains("s3cr3t-t0ken-value"), "label " + k + " holds the secret"));
        }
        Map<String, String> finalLabels = docker.inspectImage(build.tag).orElseThrow().settings().labels();
        finalLabels.forEach((k, v) -> assertFalse(v.contains("s3cr3t-t0ken-value"), "label " + k + " holds the secret"));
        assertFalse(String.join("\n", listener.lines).contains("s3cr3t-t0ken-value"));

        assertEquals(List.of(), listener.snapshots, "no snapshot follows a step that used a secret var");
        assertFalse(imageTarContains(build.tag, "s3cr3t-t0ken-value"), "a layer of the image holds the secret");

        build.cache = BuildRequest.CacheMode.DISABLED;
        RecordingListener noCache = new RecordingListener();
        succeed(build, noCache);
        assertEquals(0, noCache.count(TaskReport.Status.CACHED));
    }

    @Test
    void aUrlLookupRunsAgainInEveryBuildSoAChangedBodyReachesTheImage() throws IOException {
        AtomicReference<String> body = new AtomicReference<>("release 1");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/version", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/version";
            TestBuild build = new TestBuild(playbook(write("one", "/etc/one", "1"),
                    "    - name: fetched\n      copy: {dest: /etc/version, content: \"{{ lookup('url', '" + url + "') }}\"}\n",
                    write("three", "/etc/three", "3")));
            succeed(build, new RecordingListener());

            body.set("release 2");
            RecordingListener changed = new RecordingListener();
            String image = succeed(build, changed).imageId();
            // no snapshot follows a URL's read: the build resumes after "one" and runs the rest again
            assertEquals(List.of("one=cached", "fetched=changed", "three=changed"), changed.statuses());
            assertEquals("release 2", run(image, "cat /etc/version"));

            // the same body again: still run, since no key names what the URL answered; the image is not reused
            RecordingListener same = new RecordingListener();
            String again = succeed(build, same).imageId();
            assertEquals(List.of("one=cached", "fetched=changed", "three=changed"), same.statuses());
            assertNotEquals(image, again);
            assertEquals("release 2", run(again, "cat /etc/version"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTaskTaggedNoCacheAndEverythingAfterItAlwaysRuns() {
        TestBuild build = new TestBuild(playbook(write("one", "/etc/one", "1"),
                "    - name: fresh\n      command: touch /etc/fresh\n      tags: [no-cache]\n",
                write("three", "/etc/three", "3")));
        succeed(build, new RecordingListener());
        RecordingListener again = new RecordingListener();
        succeed(build, again);
        assertEquals(List.of("one=cached", "fresh=changed", "three=changed"), again.statuses());
    }

    @Test
    void changingAnIncludedTaskFileOrAVarsFileInvalidates() {
        TestBuild build = new TestBuild(playbook(write("one", "/etc/one", "1"),
                "    - name: more\n      include_tasks: more.yml\n",
                "    - name: vars\n      include_vars: settings.yml\n",
                "    - name: use\n      copy: {dest: /etc/setting, content: \"{{ setting }}\\n\"}\n"));
        build.file("more.yml", "- name: inner\n  command: touch /etc/inner\n");
        build.file("settings.yml", "setting: first\n");
        succeed(build, new RecordingListener());

        build.file("more.yml", "- name: inner\n  command: touch /etc/inner-edited\n");
        RecordingListener included = new RecordingListener();
        succeed(build, included);
        assertEquals("one=cached", included.statuses().get(0));
        assertTrue(included.statuses().contains("inner=changed"), included.statuses().toString());

        build.file("settings.yml", "setting: second\n");
        RecordingListener varsFile = new RecordingListener();
        String image = succeed(build, varsFile).imageId();
        assertEquals("second\n", run(image, "cat /etc/setting"));
    }

    @Test
    void pruneRemovesSnapshotsNoRecentBuildReachesAndKeepsTheRest() {
        String[] tasks = {write("one", "/etc/one", "1"), write("two", "/etc/two", "2")};
        TestBuild build = new TestBuild(playbook(tasks));
        build.tag = "playbake-test/prune-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ":1";
        RecordingListener first = new RecordingListener();
        succeed(build, first);
        tasks[1] = write("two", "/etc/two", "two");
        build.playbook = playbook(tasks);
        RecordingListener second = new RecordingListener();
        succeed(build, second);

        CacheInventory inventory = new CacheInventory(docker);
        List<String> before = inventory.list().stream().map(CacheInventory.Snapshot::id).toList();
        assertTrue(before.containsAll(first.snapshots) && before.containsAll(second.snapshots));
        List<String> removed = inventory.prune(dev.playbake.imagebuild.cache.PruneScope.unreachable(), java.time.Instant.now()).stream()
                .map(CacheInventory.Snapshot::id).toList();
        // the first build's snapshot of "two" is superseded; its snapshot of "one" is what the second build resumed from
        assertTrue(removed.contains(first.snapshots.get(first.snapshots.size() - 1)), removed.toString());
        assertFalse(removed.contains(first.snapshots.get(0)), "a snapshot the recent build stands on was removed");
        second.snapshots.forEach(id -> assertFalse(removed.contains(id), "the recent build's snapshot was removed"));
        images.removeAll(removed);
    }

    @Test
    void theFinalImageKeepsTheBaseConfigurationAndNotTheKeepAliveEntrypoint() {
        TestBuild build = new TestBuild(playbook(write("one", "/etc/one", "1")));
        build.config = new ImageConfig(List.of("/bin/cat", "/etc/one"), List.of(), Map.of("APP_MODE", "prod"),
                java.util.Optional.of("/etc"), java.util.Optional.empty(), List.of("8080/tcp"), List.of("/data"));
        String image = succeed(build, new RecordingListener()).imageId();
        var settings = docker.inspectImage(image).orElseThrow().settings();
        assertEquals(List.of(), settings.entrypoint());
        assertEquals(List.of("/bin/cat", "/etc/one"), settings.cmd());
        assertTrue(settings.env().contains("APP_MODE=prod"), settings.env().toString());
        assertEquals("/etc", settings.workingDir());
        assertEquals(List.of("8080/tcp"), settings.exposedPorts());
        assertEquals(List.of("/data"), settings.volumes());
        assertNotEquals("", settings.labels().get(Labels.PLAYBOOK_SHA));
    }

    /** Whether {@code docker save} of the image (every layer, uncompressed tar) contains the text. */
    private static boolean imageTarContains(String image, String text) {
        try {
            Process save = new ProcessBuilder("/bin/sh", "-c", "/usr/bin/docker save " + image + " | grep -a -c "
                    + "'" + text + "'").start();
            String count = new String(save.getInputStream().readAllBytes()).strip();
            save.waitFor();
            return !count.equals("0");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command in a fresh container of the image and returns its stdout. */
    private static long size(String image) {
        return docker.inspectImage(image).orElseThrow().size();
    }

    private String run(String image, String script) {
        String id = docker.startContainer(image, Map.of("playbake.dev/build", "verify", "playbake.dev/owner", TestBuild.OWNER));
        try {
            return docker.connection(id).exec(ExecRequest.shell(script)).stdout();
        } finally {
            docker.removeContainer(id);
        }
    }
}

package dev.playbake.operator;

import dev.playbake.api.v1alpha1.BuildRecord;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.RebuildSpec;
import dev.playbake.docker.DockerHost;
import dev.playbake.operator.cluster.ConfigMapBuildLogs;
import dev.playbake.operator.reconcile.BuildLogs;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each build's whole log is kept, readable while the build runs and after it ended, for as many builds as
 * status.history lists; a deleted ImageBuild takes its logs with it. Real kube-apiserver, Docker and registry.
 */
class BuildLogsIT {

    private static final TestEnvironment env = TestEnvironment.get();
    private static final String repository = env.registry() + "/playbake-it/logs-"
            + UUID.randomUUID().toString().substring(0, 8);
    private static ApiServer apiServer;
    private static KubernetesClient client;
    private static RealOperator operator;
    private static BuildLogs logs;

    @BeforeAll
    static void start() throws Exception {
        apiServer = ApiServer.start();
        client = apiServer.client();
        ImageBuildOperatorIT.installCrd(client);
        ImageBuildEndToEndIT.createRegistrySecret(client, env);
        operator = RealOperator.start(client, 2);
        logs = new ConfigMapBuildLogs(client, RealOperator.LOG_NAMESPACE);
    }

    @AfterAll
    static void stop() {
        operator.close();
        client.close();
        apiServer.close();
    }

    @Test
    void aBuildsLogIsReadableWhileItRunsAndWholeAfterAndTheHistoryKeepsTheNewestBuilds() {
        String marker = UUID.randomUUID().toString();
        ImageBuild build = build("history", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: say it
                      ansible.builtin.debug:
                        msg: "marker %s"
                    - name: take a while
                      ansible.builtin.command: sleep 6
                    - name: write it
                      ansible.builtin.copy:
                        dest: /marker.txt
                        content: "%s\\n"
                """.formatted(marker, marker));
        create(build);
        String uid = get("history").getMetadata().getUid();

        await().atMost(2, TimeUnit.MINUTES).until(() -> logs.list(uid).stream().findFirst()
                .flatMap(s -> logs.read(uid, s.key().buildId()))
                .filter(s -> !s.complete() && s.text().contains("marker " + marker)).isPresent());
        ImageBuild first = awaitEnd("history", 1);
        assertEquals(Phase.SUCCEEDED, first.getStatus().phase);
        BuildLogs.Stored log = awaitComplete(uid, first.getStatus().buildId);
        String text = log.text();
        System.out.println("[measure] build log of build 1:\n" + text);
        assertTrue(text.startsWith("build 1 (" + first.getStatus().buildId + ") of default/history on local"), text);
        assertTrue(text.contains("say it: marker " + marker), "the debug message, as the CLI prints it: " + text);
        assertTrue(text.contains("#2 changed take a while ("), "a line per task: " + text);
        assertTrue(text.contains("pushed " + repository + ":history@" + first.getStatus().output.digest), text);
        assertTrue(text.contains(": pushed " + repository + ":history"), "how it ended: " + text);
        assertEquals(1, log.key().counter());
        BuildRecord record = first.getStatus().history.get(0);
        assertEquals(List.of(first.getStatus().buildId), first.getStatus().history.stream().map(r -> r.buildId).toList());
        assertEquals("Succeeded", record.result);
        assertEquals(first.getStatus().output.digest, record.digest);
        assertEquals(first.getStatus().startTime, record.startTime);
        assertEquals(first.getStatus().completionTime, record.completionTime);

        for (long counter = 2; counter <= RealOperator.BUILD_HISTORY + 1; counter++) {
            ImageBuild current = get("history");
            current.getSpec().rebuild = new RebuildSpec();
            current.getSpec().rebuild.token = "rebuild " + counter;
            client.resource(current).update();
            ImageBuild rebuilt = awaitEnd("history", counter);
            awaitComplete(uid, rebuilt.getStatus().buildId);
        }

        ImageBuildStatus last = get("history").getStatus();
        List<Long> kept = List.of(4L, 3L, 2L);
        assertEquals(kept, last.history.stream().map(r -> r.counter).toList(), "newest first, as many as configured");
        await().atMost(10, TimeUnit.SECONDS).until(() -> logs.list(uid).stream().map(s -> s.key().counter()).toList()
                .equals(kept));
        assertTrue(logs.read(uid, first.getStatus().buildId).isEmpty(), "the oldest build's log went with its record");
        assertTrue(logs.read(uid, last.buildId).orElseThrow().text().contains("#1 CACHED say it"),
                "a rebuild's log shows the cached tasks");

        client.resources(ImageBuild.class).inNamespace("default").withName("history").delete();
        await().atMost(30, TimeUnit.SECONDS).until(() -> logs.list(uid).isEmpty());
    }

    @Test
    void aFailedCommandsOutputOnBothStreamsIsInTheLogAndTheSnippet() {
        String marker = UUID.randomUUID().toString();
        create(build("failing", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: leave a file
                      ansible.builtin.copy:
                        dest: /before.txt
                        content: "before %s\n"
                    - name: fail loudly
                      ansible.builtin.shell: "echo out-%s; echo err-%s >&2; exit 3"
                """.formatted(marker, marker, marker)));

        ImageBuild failed = awaitEnd("failing", 1);

        assertEquals(Phase.FAILED, failed.getStatus().phase);
        String text = awaitComplete(failed.getMetadata().getUid(), failed.getStatus().buildId).text();
        assertTrue(text.contains("out-" + marker), "stdout: " + text);
        assertTrue(text.contains("err-" + marker), "stderr: " + text);
        assertTrue(text.contains("#2 failed  fail loudly ("), text);
        assertTrue(text.contains(": PlaybookFailed: "), "how it ended: " + text);
        assertTrue(failed.getStatus().failure.logSnippet.contains("out-" + marker), failed.getStatus().failure.logSnippet);
        assertEquals("Failed", failed.getStatus().history.get(0).result);
        assertEquals("PlaybookFailed", failed.getStatus().history.get(0).reason);
        assertFalse(failed.getStatus().history.get(0).buildId.isEmpty());

        String debugImage = failed.getStatus().failure.debugImage;
        assertTrue(debugImage.matches(Pattern.quote(repository + ":failing-failed@") + "sha256:[0-9a-f]{64}"),
                "the debug image, pushed next to the image and named by digest: " + debugImage);
        assertTrue(text.contains("pushed " + repository + ":failing-failed@"), text);
        try (DockerHost docker = DockerHost.connect(env.dockerHost())) {
            docker.removeImage(repository + ":failing-failed");
            docker.pull(debugImage, Optional.of(env.credentials(env.registry())));
        }
        assertEquals("before " + marker, Commands.ok(List.of("/usr/bin/docker", "run", "--rm", debugImage, "cat",
                "/before.txt")).strip(), "the state the build failed in");
    }

    private static BuildLogs.Stored awaitComplete(String uid, String buildId) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> logs.read(uid, buildId).map(BuildLogs.Stored::complete)
                .orElse(false));
        return logs.read(uid, buildId).orElseThrow();
    }

    private static ImageBuild build(String name, String playbook) {
        ImageBuild build = ImageBuilds.imageBuild(name, repository + ":" + name);
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().playbook = playbook;
        build.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
        return build;
    }

    private static void create(ImageBuild build) {
        client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
    }

    private static ImageBuild get(String name) {
        return client.resources(ImageBuild.class).inNamespace("default").withName(name).get();
    }

    /** Waits until build {@code counter} succeeded or failed for good. */
    private static ImageBuild awaitEnd(String name, long counter) {
        await().atMost(3, TimeUnit.MINUTES).pollInterval(500, TimeUnit.MILLISECONDS).until(() -> {
            ImageBuildStatus status = get(name).getStatus();
            return status != null && Optional.ofNullable(status.buildCounter).orElse(0L) == counter
                    && (status.phase == Phase.SUCCEEDED || status.phase == Phase.FAILED && status.nextRetryTime == null);
        });
        return get(name);
    }
}

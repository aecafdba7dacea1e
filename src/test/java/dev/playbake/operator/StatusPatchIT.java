package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.operator.reconcile.StatusPatch;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Status writes that carry only what changed, on a real kube-apiserver: every request the operator's client
 * sends to an ImageBuild's status subresource is recorded on the wire, during a real build on the Docker engine.
 */
class StatusPatchIT {

    private static final TestEnvironment env = TestEnvironment.get();
    private static final String repository = env.registry() + "/playbake-it/patch-"
            + UUID.randomUUID().toString().substring(0, 8);
    private static final StatusRequests requests = new StatusRequests();
    private static ApiServer apiServer;
    private static KubernetesClient client;
    private static KubernetesClient operatorClient;
    private static RealOperator operator;

    @BeforeAll
    static void start() throws Exception {
        apiServer = ApiServer.start();
        client = apiServer.client();
        ImageBuildOperatorIT.installCrd(client);
        operatorClient = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(apiServer.kubeConfigYaml()))
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("status-requests", requests)).build();
        operator = RealOperator.start(operatorClient, 1);
    }

    @AfterAll
    static void stop() {
        operator.close();
        operatorClient.close();
        client.close();
        apiServer.close();
    }

    @Test
    void progressWritesCarryOnlyWhatChangedNotTheWholeStatus() {
        // a run of its own, so that no snapshot of an earlier run serves it
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder playbook = new StringBuilder("- hosts: all\n  gather_facts: false\n  tasks:\n");
        for (int i = 0; i < 40; i++) {
            playbook.append("    - name: step ").append(i).append(" of run ").append(run).append(", long enough for"
                            + " progress writes\n")
                    .append("      command: sleep 0.3\n");
        }
        ImageBuild build = ImageBuilds.imageBuild("progress", repository + ":progress");
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().playbook = playbook.toString();
        client.resources(ImageBuild.class).inNamespace("default").resource(build).create();

        await().atMost(4, TimeUnit.MINUTES).pollInterval(1, TimeUnit.SECONDS).until(() -> Optional
                .ofNullable(get("progress").getStatus()).map(s -> s.phase == Phase.SUCCEEDED).orElse(false));

        ImageBuildStatus done = get("progress").getStatus();
        int full = client.getKubernetesSerialization().asJson(done).getBytes(StandardCharsets.UTF_8).length;
        List<Request> writes = requests.to("/imagebuilds/progress/status");
        List<Integer> sizes = writes.stream().map(Request::bodyBytes).sorted().toList();
        int median = sizes.get(sizes.size() / 2);
        System.out.println("[measure] status writes of a 40-task build: " + writes.size() + ", bodies " + sizes
                + " bytes (median " + median + "), whole status " + full + " bytes");
        assertTrue(writes.size() >= 5, "progress was written " + writes.size() + " times");
        assertTrue(writes.stream().allMatch(r -> r.method().equals("PATCH")
                && r.contentType().startsWith("application/json-patch+json")),
                writes.stream().map(r -> r.method() + " " + r.contentType() + " " + r.bodyBytes()).toList().toString());
        assertTrue(writes.stream().allMatch(r -> r.body().contains("/metadata/resourceVersion")),
                "every write is guarded by the version it was computed from");
        assertTrue(median * 3 < full, "median write " + median + " bytes against a status of " + full);
        assertEquals(40, done.taskCounts.changed, "the status the diffs built up is the whole one");
        assertEquals(20, done.tasks.size());
    }

    @Test
    void aWriteComputedFromAStaleStatusIsRefusedAndMadeAgainOnWhatIsStored() {
        ImageBuild build = ImageBuilds.imageBuild("stale", repository + ":stale");
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().state = dev.playbake.api.v1alpha1.BuildState.CANCELED;
        client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
        await().atMost(1, TimeUnit.MINUTES).until(() -> get("stale").getStatus() != null);
        ImageBuild read = get("stale");
        ImageBuildStatus stale = client.getKubernetesSerialization().clone(read.getStatus());

        // another writer moves the stored status on after our read
        ImageBuildStatus moved = client.getKubernetesSerialization().clone(read.getStatus());
        moved.buildCounter = 41L;
        moved.buildHost = "elsewhere";
        client.resources(ImageBuild.class).inNamespace("default").resource(withStatus(read, moved)).updateStatus();
        ImageBuildStatus desired = client.getKubernetesSerialization().clone(stale);
        desired.buildCounter = 42L;
        int conflictsBefore = requests.conflicts();

        StatusPatch.Written written = new StatusPatch(operatorClient).write(read, Optional.of(stale), desired);

        assertTrue(requests.conflicts() > conflictsBefore, "the stale write was answered 409");
        ImageBuildStatus stored = get("stale").getStatus();
        assertEquals(42L, stored.buildCounter);
        assertEquals(desired.buildHost, stored.buildHost, "the diff was made again against the stored status");
        assertEquals(stored.buildCounter, written.stored().getStatus().buildCounter);
    }

    private static ImageBuild withStatus(ImageBuild resource, ImageBuildStatus status) {
        ImageBuild copy = client.getKubernetesSerialization().clone(resource);
        copy.setStatus(status);
        return copy;
    }

    private static ImageBuild get(String name) {
        return client.resources(ImageBuild.class).inNamespace("default").withName(name).get();
    }

    /** One request to a status subresource, as it went on the wire. */
    record Request(String method, String path, String contentType, String body) {
        int bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** Records the requests to status subresources, and how many of them the API server answered 409. */
    static final class StatusRequests implements Interceptor {
        private final List<Request> seen = new CopyOnWriteArrayList<>();
        private final List<String> conflicts = new CopyOnWriteArrayList<>();

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (request.uri().getPath().endsWith("/status")) {
                seen.add(new Request(request.method(), request.uri().getPath(),
                        request instanceof StandardHttpRequest standard ? standard.getContentType() : "",
                        Optional.ofNullable(request.bodyString()).orElse("")));
            }
        }

        @Override
        public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            if (response.code() == 409) {
                conflicts.add(request.uri().getPath());
            }
        }

        List<Request> to(String pathEnd) {
            return seen.stream().filter(r -> r.path().endsWith(pathEnd)).toList();
        }

        int conflicts() {
            return conflicts.size();
        }
    }
}

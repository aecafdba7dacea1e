package dev.playbake.operator;

import dev.playbake.secrets.Redactor;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.SecretVarsFrom;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.operator.cluster.ClusterInputs;
import dev.playbake.operator.cluster.KubernetesBuildEvents;
import dev.playbake.operator.reconcile.BuildHost;
import dev.playbake.operator.reconcile.BaseImagePolling;
import dev.playbake.operator.reconcile.BuildMetrics;
import dev.playbake.operator.reconcile.BuildScheduler;
import dev.playbake.operator.reconcile.ContainerCleaner;
import dev.playbake.operator.reconcile.ImageBuildReconciler;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.operator.runtime.Operators;
import dev.playbake.testing.ApiServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator on a real kube-apiserver with the committed CRD, JOSDK informers, status patches, finalizers and
 * events, and a scripted Builder instead of Docker (ImageBuildEndToEndIT uses the real one).
 */
class ImageBuildOperatorIT {

    private static final String NAMESPACE = "default";
    private static final int CONCURRENCY = 2;

    private static ApiServer apiServer;
    private static KubernetesClient client;
    private static final ScriptedBuilder builder = new ScriptedBuilder();
    private static final List<String> removedContainersOf = new CopyOnWriteArrayList<>();
    private static BuildScheduler scheduler;
    private static Operator operator;

    @BeforeAll
    static void start() throws IOException {
        apiServer = ApiServer.start();
        client = apiServer.client();
        installCrd(client);
        scheduler = new BuildScheduler(List.of(new BuildHost("docker-1", CONCURRENCY, builder)), Clock.systemUTC());
        ContainerCleaner cleaner = new ContainerCleaner() {
            @Override
            public int removeContainersOf(String owner) {
                removedContainersOf.add(owner);
                return 0;
            }

            @Override
            public int removeLeftovers(Predicate<String> running) {
                return 0;
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ImageBuildReconciler reconciler = new ImageBuildReconciler(new ClusterInputs(client,
                Optional.of(RealOperator.defaultPushSecret(client))), scheduler, cleaner,
                new KubernetesBuildEvents(client), new BuildMetrics(meters, scheduler), Clock.systemUTC(),
                BuildContainerPolicy.UNLIMITED, new BaseImagePolling(BaseImagePolling.DEFAULT_MINIMUM),
                RealOperator.localWatch());
        operator = Operators.create(client, reconciler, Set.of(), meters);
        operator.start();
    }

    @AfterAll
    static void stop() {
        operator.stop();
        scheduler.close();
        client.close();
        apiServer.close();
    }

    /** Installs crds/ as a user would, and waits until the API server serves it. */
    static void installCrd(KubernetesClient client) throws IOException {
        try (InputStream crd = new FileInputStream("crds/imagebuilds.playbake.dev-v1.yml")) {
            CustomResourceDefinition created = client.apiextensions().v1().customResourceDefinitions().load(crd).create();
            await().atMost(30, TimeUnit.SECONDS).until(() -> client.apiextensions().v1().customResourceDefinitions()
                    .withName(created.getMetadata().getName()).get().getStatus().getConditions().stream()
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
        }
    }

    @Test
    void anAppliedImageBuildBecomesReadyWithItsDigestAndEvents() {
        ImageBuild web = ImageBuilds.imageBuild("ready", "127.0.0.1:5000/ready:1");
        long start = System.nanoTime();
        create(web);

        ImageBuild ready = awaitReady("ready", "True");
        long applyToReadyMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[measure] apply -> Ready with the scripted builder: " + applyToReadyMs + " ms");

        ImageBuildStatus status = ready.getStatus();
        BuildRequest request = builder.requestsOf("default/ready").get(0);
        assertEquals(Phase.SUCCEEDED, status.phase);
        assertTrue(status.latestImage.matches("127\\.0\\.0\\.1:5000/ready@sha256:[0-9a-f]{64}"), status.latestImage);
        assertEquals(status.output.digest, status.latestImage.substring(status.latestImage.indexOf('@') + 1));
        assertEquals(1L, status.buildCounter);
        assertEquals(ready.getMetadata().getGeneration(), status.observedGeneration);
        assertEquals(List.of("changed", "ok"), status.tasks.stream().map(t -> t.status).toList());
        assertEquals(request.buildId(), status.buildId);
        assertTrue(ready.getMetadata().getFinalizers().contains("imagebuilds.playbake.dev/finalizer"),
                ready.getMetadata().getFinalizers().toString());
        await().atMost(10, TimeUnit.SECONDS).until(() -> eventReasons("ready").containsAll(List.of("BuildStarted", "Pushed")));
        String resourceVersion = ready.getMetadata().getResourceVersion();
        await().during(2, TimeUnit.SECONDS).atMost(5, TimeUnit.SECONDS).until(() ->
                resourceVersion.equals(resource("ready").get().getMetadata().getResourceVersion()));
        assertEquals(1, builder.requestsOf("default/ready").size(), "an unchanged spec is not rebuilt");
    }

    /** The real kube-apiserver's table for kubectl: the CRD's column order, the priority 1 ones only with -o wide. */
    @Test
    void kubectlGetPrintsTheColumnsInTheCrdsOrder(@TempDir Path dir) {
        create(ImageBuilds.imageBuild("columns", "127.0.0.1:5000/columns:1"));
        ImageBuildStatus status = awaitReady("columns", "True").getStatus();
        Path kubeconfig = Commands.kubeconfig(apiServer, dir);

        String plain = Commands.ok(Commands.kubectl(kubeconfig, "-n", NAMESPACE, "get", "imagebuilds", "columns"));
        String wide = Commands.ok(Commands.kubectl(kubeconfig, "-n", NAMESPACE, "get", "imagebuilds", "columns", "-o",
                "wide"));
        System.out.println("kubectl get imagebuilds, then with -o wide:\n" + plain + wide);

        List<List<String>> table = cells(plain);
        assertEquals(List.of("NAME", "PHASE", "PROGRESS", "IMAGE", "AGE"), table.get(0));
        assertEquals(List.of("columns", "Succeeded", status.progress.summary, status.latestImage),
                table.get(1).subList(0, 4));
        List<List<String>> wideTable = cells(wide);
        assertEquals(List.of("NAME", "PHASE", "PROGRESS", "IMAGE", "AGE", "READY", "REASON", "DURATION"),
                wideTable.get(0));
        assertEquals(List.of("True", "Succeeded", status.duration), wideTable.get(1).subList(5, 8));
    }

    /** A kubectl table's lines split into cells (none of these holds a space). */
    private static List<List<String>> cells(String table) {
        return table.lines().map(line -> List.of(line.strip().split("\\s+"))).toList();
    }

    @Test
    void theApiServerRejectsASpecWithoutAPlaybook() {
        ImageBuild invalid = ImageBuilds.imageBuild("no-playbook", "127.0.0.1:5000/x:1");
        invalid.getSpec().playbook = null;
        KubernetesClientException error = assertThrows(KubernetesClientException.class, () -> create(invalid));
        assertTrue(error.getMessage().contains("set exactly one of playbook and playbookFrom"), error.getMessage());
    }

    @Test
    void aFailingPlaybookIsReportedWithFileAndLineMaskedAndNotRetried() {
        String secret = "hunter2-very-secret";
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("failing-secrets")
                .endMetadata().withStringData(Map.of("api_token", secret)).build()).create();
        ImageBuild failing = ImageBuilds.imageBuild("failing", "127.0.0.1:5000/failing:1");
        failing.getSpec().vars.put("fake_outcome", TextNode.valueOf("fail"));
        SecretVarsFrom from = new SecretVarsFrom();
        from.secretRef = new LocalObjectRef("failing-secrets");
        failing.getSpec().secretVars.add(from);
        create(failing);

        ImageBuild failed = awaitReady("failing", "False");

        assertEquals("PlaybookFailed", ready(failed).reason);
        assertEquals("playbook.yml", failed.getStatus().failure.file);
        assertEquals(9, failed.getStatus().failure.line);
        assertEquals("break", failed.getStatus().failure.task);
        assertEquals(Map.of("api_token", secret), builder.requestsOf("default/failing").get(0).secretVars());
        await().atMost(10, TimeUnit.SECONDS).until(() -> eventReasons("failing").contains("PlaybookFailed"));
        String written = Serialization.asJson(failed.getStatus()) + eventMessages("failing");
        assertFalse(written.contains(secret), written);
        assertTrue(written.contains(Redactor.MASK), written);
        await().during(2, TimeUnit.SECONDS).atMost(5, TimeUnit.SECONDS)
                .until(() -> builder.requestsOf("default/failing").size() == 1);
    }

    @Test
    void aMissingSecretIsReportedAsSecretNotFound() {
        ImageBuild web = ImageBuilds.imageBuild("no-secret", "127.0.0.1:5000/no-secret:1");
        SecretVarsFrom from = new SecretVarsFrom();
        from.secretRef = new LocalObjectRef("does-not-exist");
        web.getSpec().secretVars.add(from);
        create(web);

        ImageBuild blocked = awaitReady("no-secret", "False");

        assertEquals("SecretNotFound", ready(blocked).reason);
        assertTrue(ready(blocked).message.contains("default/does-not-exist"), ready(blocked).message);
        assertEquals(List.of(), builder.requestsOf("default/no-secret"));
    }

    @Test
    void aSpecChangeDuringABuildCancelsItAndBuildsTheNewSpec() {
        ImageBuild web = ImageBuilds.imageBuild("changing", "127.0.0.1:5000/changing:1");
        web.getSpec().vars.put("fake_duration_ms", IntNode.valueOf(60_000));
        create(web);
        await().atMost(10, TimeUnit.SECONDS).until(() -> phase("changing") == Phase.BUILDING);
        BuildRequest first = builder.requestsOf("default/changing").get(0);

        resource("changing").edit(r -> {
            r.getSpec().vars.put("fake_duration_ms", IntNode.valueOf(100));
            r.getSpec().vars.put("who", TextNode.valueOf("again"));
            return r;
        });

        ImageBuild ready = awaitReady("changing", "True");
        assertTrue(builder.signal(first.buildId()).isCanceled());
        List<BuildRequest> requests = builder.requestsOf("default/changing");
        assertEquals(2, requests.size());
        assertEquals("again", requests.get(1).extraVars().get("who"));
        assertEquals(2L, ready.getStatus().buildCounter);
        assertEquals(requests.get(1).buildId(), ready.getStatus().buildId);
    }

    @Test
    void deletingDuringABuildCancelsItRemovesItsContainersAndTheFinalizer() {
        ImageBuild web = ImageBuilds.imageBuild("deleted", "127.0.0.1:5000/deleted:1");
        web.getSpec().vars.put("fake_duration_ms", IntNode.valueOf(60_000));
        create(web);
        await().atMost(10, TimeUnit.SECONDS).until(() -> phase("deleted") == Phase.BUILDING);
        BuildRequest request = builder.requestsOf("default/deleted").get(0);

        resource("deleted").delete();

        await().atMost(15, TimeUnit.SECONDS).until(() -> resource("deleted").get() == null);
        assertTrue(builder.signal(request.buildId()).isCanceled());
        assertTrue(removedContainersOf.contains("default/deleted"));
    }

    @Test
    void twentyImageBuildsAllBecomeReadyWithNeverMoreThanTheConcurrencyRunning() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "many-" + i;
            names.add(name);
            create(ImageBuilds.imageBuild(name, "127.0.0.1:5000/" + name + ":1"));
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> names.stream().allMatch(n -> "True".equals(readyStatus(n))));
        assertTrue(builder.maxRunning() <= CONCURRENCY, "at most " + CONCURRENCY + " at once, saw " + builder.maxRunning());
        names.forEach(n -> assertEquals(1, builder.requestsOf("default/" + n).size()));
    }

    private static void create(ImageBuild build) {
        client.resources(ImageBuild.class).inNamespace(NAMESPACE).resource(build).create();
    }

    private static Resource<ImageBuild> resource(String name) {
        return client.resources(ImageBuild.class).inNamespace(NAMESPACE).withName(name);
    }

    private static ImageBuild awaitReady(String name, String status) {
        await().atMost(30, TimeUnit.SECONDS).until(() -> status.equals(readyStatus(name)));
        return resource(name).get();
    }

    private static String readyStatus(String name) {
        return Optional.ofNullable(resource(name).get()).map(ImageBuild::getStatus)
                .flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY)).map(c -> c.status).orElse("");
    }

    private static Phase phase(String name) {
        return Optional.ofNullable(resource(name).get().getStatus()).map(s -> s.phase).orElse(null);
    }

    private static Condition ready(ImageBuild build) {
        return StatusComposer.find(build.getStatus().conditions, StatusComposer.READY).orElseThrow();
    }

    private static List<String> eventReasons(String name) {
        return events(name).stream().map(e -> e.getReason()).toList();
    }

    private static String eventMessages(String name) {
        return String.join("\n", events(name).stream().map(e -> e.getMessage()).toList());
    }

    private static List<io.fabric8.kubernetes.api.model.Event> events(String name) {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }
}

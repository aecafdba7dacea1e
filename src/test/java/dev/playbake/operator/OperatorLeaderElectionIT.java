package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.docker.DockerHost;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two operator processes of one deployment (one instance name) against a real API server and Docker engine, as two
 * replicas run: only the lease holder builds; the other takes over when the leader is killed or frozen, removes what
 * it left, builds the ImageBuild once more to Succeeded with one digest, and a frozen leader that wakes writes
 * nothing and exits. Containers are watched all along: never two builds of the ImageBuild at once.
 */
class OperatorLeaderElectionIT {

    /** A short lease, so a takeover fits in a test; the ratio of the defaults (15s/10s/2s). */
    private static final Map<String, String> LEASE = Map.of(
            "playbake.operator.leader-election.lease-duration", "6s",
            "playbake.operator.leader-election.renew-deadline", "4s",
            "playbake.operator.leader-election.retry-period", "1s");
    private static final String NAME = "replicated";

    private final TestEnvironment env = TestEnvironment.get();
    private final String instance = "it-leader-" + UUID.randomUUID().toString().substring(0, 8);
    private final String lease = instance + "-leader";

    @TempDir
    Path dir;

    @Test
    void aKilledLeaderIsReplacedAndTheOtherReplicaBuildsItOnce() throws Exception {
        takeOver((leader, client) -> {
            long killed = System.nanoTime();
            leader.signal("KILL");
            await().atMost(30, TimeUnit.SECONDS).until(() -> holder(client).equals(Optional.of("replica-b")));
            System.out.println("[measure] leader SIGKILLed: lease taken over after "
                    + (System.nanoTime() - killed) / 1_000_000 + " ms (lease duration 6 s)");
        });
    }

    @Test
    void aFrozenLeaderLosesItsLeaseAndWritesNothingWhenItWakes() throws Exception {
        takeOver((leader, client) -> {
            long frozen = System.nanoTime();
            leader.signal("STOP");
            try {
                await().atMost(30, TimeUnit.SECONDS).until(() -> holder(client).equals(Optional.of("replica-b")));
                System.out.println("[measure] leader SIGSTOPped: lease taken over after "
                        + (System.nanoTime() - frozen) / 1_000_000 + " ms (lease duration 6 s)");
                String interrupted = status(client).map(s -> s.buildId).orElseThrow();
                // woken while the new leader's build of the same ImageBuild runs: the worst moment to write
                await().atMost(60, TimeUnit.SECONDS).until(() -> status(client)
                        .map(s -> !interrupted.equals(s.buildId) && s.phase == Phase.BUILDING).orElse(false));
            } finally {
                leader.signal("CONT");
            }
            assertTrue(leader.process().waitFor(60, TimeUnit.SECONDS), "the woken leader exits");
            assertEquals(1, leader.process().exitValue(), leader.log());
            String log = leader.log();
            assertTrue(log.contains("lost the leader lease"), log);
        });
    }

    /** What the test does to the leader once it builds. */
    private interface Disruption {
        void apply(OperatorProcess leader, KubernetesClient client) throws Exception;
    }

    private void takeOver(Disruption disruption) throws Exception {
        String repository = env.registry() + "/playbake-it/leader-" + UUID.randomUUID().toString().substring(0, 8);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(env.dockerHost())) {
            ImageBuildOperatorIT.installCrd(client);
            RealOperator.defaultPushSecret(client);
            List<ImageBuildStatus> statuses = new CopyOnWriteArrayList<>();
            Watch watch = watchStatuses(client, statuses);
            AtomicInteger mostAtOnce = new AtomicInteger();
            Set<String> replicasSeen = ConcurrentHashMap.newKeySet();
            AtomicInteger polls = new AtomicInteger();
            watcher.scheduleWithFixedDelay(() -> {
                List<ContainerSummary> running = containers(docker);
                running.forEach(c -> replicasSeen.add(c.labels().getOrDefault(OperatorInstance.REPLICA_LABEL, "")));
                mostAtOnce.accumulateAndGet(running.size(), Math::max);
                polls.incrementAndGet();
            }, 0, 100, TimeUnit.MILLISECONDS);

            try (OperatorProcess a = OperatorProcess.start(apiServer, dir, "replica-a", instance, LEASE)) {
                await().atMost(60, TimeUnit.SECONDS).until(() -> holder(client).equals(Optional.of("replica-a")));
                try (OperatorProcess b = OperatorProcess.start(apiServer, dir, "replica-b", instance, LEASE)) {
                    ImageBuild build = ImageBuilds.imageBuild(NAME, repository + ":1");
                    build.getSpec().baseImage = env.busyboxImage();
                    build.getSpec().playbook = """
                            - hosts: all
                              tasks:
                                - name: take a while
                                  ansible.builtin.shell: "sleep 15; echo RUN > /built-by"
                            """.replace("RUN", instance);
                    build.getSpec().output.insecure = true;
                    client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
                    await().atMost(2, TimeUnit.MINUTES).until(() -> status(client)
                            .map(s -> s.progress != null && "take a while".equals(s.progress.currentTask)).orElse(false));
                    await().atMost(30, TimeUnit.SECONDS).until(() -> b.log().contains("is replica-a"));
                    List<ContainerSummary> building = containers(docker);
                    assertEquals(1, building.size(), "one build container");
                    assertEquals("replica-a", building.get(0).labels().get(OperatorInstance.REPLICA_LABEL),
                            "the leader builds; the follower, started while it did, left its container alone");

                    disruption.apply(a, client);
                    await().atMost(3, TimeUnit.MINUTES).until(() -> status(client)
                            .map(s -> s.phase == Phase.SUCCEEDED || s.phase == Phase.FAILED).orElse(false));
                }
            } finally {
                watch.close();
                watcher.shutdownNow();
            }
            ImageBuildStatus done = status(client).orElseThrow();
            assertEquals(Phase.SUCCEEDED, done.phase, Serialization.asYaml(done));
            assertEquals(1L, done.buildCounter, "the interrupted build, built again");
            assertEquals(2, statuses.stream().map(s -> s.buildId).filter(id -> id != null).distinct().count(),
                    "the leader's build and the new leader's, nothing more");
            assertEquals(done.latestImage, repository + "@" + registryDigest(repository, "1"),
                    "the registry holds the image status names: nothing pushed after it");
            assertTrue(polls.get() > 50, "containers were watched");
            assertEquals(1, mostAtOnce.get(), "never two build containers of the ImageBuild at once");
            assertEquals(Set.of("replica-a", "replica-b"), replicasSeen);
            assertTrue(containers(docker).isEmpty(), "no container left");
            assertFalse(statuses.stream().anyMatch(s -> s.phase == Phase.FAILED),
                    "never shown as failed: " + statuses.stream().map(s -> s.phase + " " + s.buildId).toList());
            List<Event> warnings = client.v1().events().inNamespace("default").list().getItems().stream()
                    .filter(e -> NAME.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
                    .toList();
            assertEquals(List.of(), warnings.stream().map(e -> e.getReason() + ": " + e.getMessage()).toList());
        } finally {
            Commands.run(List.of("sh", "-c", "/usr/bin/docker images -q '" + repository + "' | sort -u | "
                    + "xargs -r /usr/bin/docker rmi -f"), Duration.ofMinutes(2));
        }
    }

    private Watch watchStatuses(KubernetesClient client, List<ImageBuildStatus> statuses) {
        return client.resources(ImageBuild.class).inNamespace("default").withName(NAME).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ImageBuild resource) {
                Optional.ofNullable(resource.getStatus()).ifPresent(statuses::add);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private Optional<String> holder(KubernetesClient client) {
        Lease current = client.leases().inNamespace("default").withName(lease).get();
        return Optional.ofNullable(current).map(l -> l.getSpec().getHolderIdentity());
    }

    private List<ContainerSummary> containers(DockerHost docker) {
        return docker.containersLabelled(OperatorInstance.LABEL + "=" + instance);
    }

    private static Optional<ImageBuildStatus> status(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName(NAME).get())
                .map(ImageBuild::getStatus);
    }

    /** The digest the registry serves for a tag, read from the registry itself. */
    private String registryDigest(String repository, String tag) throws Exception {
        String registry = env.registry();
        RegistryCredentials credentials = env.credentials(registry);
        String path = repository.substring(registry.length() + 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + path + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                        + "application/vnd.oci.image.manifest.v1+json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        assertEquals(200, response.statusCode(), "HEAD " + request.uri());
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}

package dev.playbake.operator;

import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.RetrySpec;
import dev.playbake.docker.DockerHost;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.ExtraDockerEngine;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The operator over a pool of real Docker engines (extra dockerd instances on this machine, each with its own data):
 * rebuilds land on the host that holds their snapshots and resume there; a host stopped mid-build loses the build
 * to another host at once, and the container it left is removed when it answers again.
 */
class DockerHostPoolIT {

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: first layer
                  ansible.builtin.copy: {dest: /first, content: "RUN one\\n"}
                - name: second layer
                  ansible.builtin.copy: {dest: /second, content: "RUN two\\n"}
                - name: the version
                  ansible.builtin.copy: {dest: /version, content: "VERSION\\n"}
            """;

    private final TestEnvironment env = TestEnvironment.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String repository = env.registry() + "/playbake-it/pool-" + run;

    @Test
    void tenRebuildsOverThreeHostsEachLandWhereItsCacheIsAndResume() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pbpool");
        List<ExtraDockerEngine> engines = new ArrayList<>();
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            for (String name : List.of("h1", "h2", "h3")) {
                engines.add(ExtraDockerEngine.start(dir, name + "-" + run, List.of(env.busyboxImage())));
            }
            ImageBuildOperatorIT.installCrd(client);
            Map<String, String> hosts = new LinkedHashMap<>();
            for (int i = 0; i < engines.size(); i++) {
                hosts.put("h" + (i + 1), engines.get(i).uri());
            }
            List<String> names = new ArrayList<>();
            try (RealOperator operator = RealOperator.startOn(client, RealOperator.devEnv(client, 2), hosts)) {
                long coldStart = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    names.add("pool-" + i);
                    client.resources(ImageBuild.class).inNamespace("default")
                            .resource(imageBuild("pool-" + i, i, "1")).create();
                }
                awaitAll(client, names, 1);
                long coldMs = (System.nanoTime() - coldStart) / 1_000_000;
                Map<String, String> coldHosts = new TreeMap<>();
                names.forEach(n -> coldHosts.put(n, status(client, n).buildHost));
                assertEquals(3, Map.copyOf(coldHosts).values().stream().distinct().count(),
                        "cold builds spread over the hosts: " + coldHosts);

                long rebuildStart = System.nanoTime();
                for (String name : names) {
                    client.resources(ImageBuild.class).inNamespace("default").withName(name)
                            .edit(b -> {
                                b.getSpec().playbook = b.getSpec().playbook.replace("version 1", "version 2");
                                return b;
                            });
                }
                awaitAll(client, names, 2);
                long rebuildMs = (System.nanoTime() - rebuildStart) / 1_000_000;
                for (String name : names) {
                    ImageBuildStatus rebuilt = status(client, name);
                    assertEquals(coldHosts.get(name), rebuilt.buildHost, name + " rebuilt where its cache is");
                    assertEquals(2, rebuilt.cacheHits, name + " resumed after its two unchanged tasks: "
                            + Serialization.asYaml(rebuilt.tasks));
                }
                Map<String, Double> hits = new TreeMap<>();
                operator.meters.find("playbake.build.cache.hits").counters()
                        .forEach(c -> hits.put(c.getId().getTag("host"), ((Counter) c).count()));
                System.out.println("[measure] 10 ImageBuilds over 3 hosts (2 slots each), busybox, 3 tasks: cold "
                        + coldMs + " ms, rebuilt with the last task changed " + rebuildMs + " ms; placement "
                        + coldHosts.values().stream().collect(Collectors.groupingBy(h -> h, TreeMap::new,
                        Collectors.counting())) + "; cached tasks per host " + hits);
                assertEquals(20.0, hits.values().stream().mapToDouble(Double::doubleValue).sum());
            }
        } finally {
            engines.forEach(ExtraDockerEngine::close);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aBuildWhoseHostStopsMidBuildFinishesOnAnotherAndTheLostContainerGoesWhenTheHostIsBack() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pbpool");
        List<ExtraDockerEngine> engines = new ArrayList<>();
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            for (String name : List.of("h1", "h2")) {
                engines.add(ExtraDockerEngine.start(dir, name + "-" + run, List.of(env.busyboxImage())));
            }
            ImageBuildOperatorIT.installCrd(client);
            Map<String, String> hosts = Map.of("h1", engines.get(0).uri(), "h2", engines.get(1).uri());
            try (RealOperator operator = RealOperator.startOn(client, RealOperator.devEnv(client, 2), hosts)) {
                ImageBuild build = imageBuild("lost", 0, "1");
                build.getSpec().playbook = """
                        - hosts: all
                          gather_facts: false
                          tasks:
                            - name: take a while
                              ansible.builtin.shell: "sleep 8; echo RUN > /done"
                        """.replace("RUN", run);
                // a backoff longer than the test: only a retry that skips it (the host was lost) finishes in time
                build.getSpec().retry = new RetrySpec();
                build.getSpec().retry.backoff = "10m";
                client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
                await().atMost(2, TimeUnit.MINUTES).until(() -> Optional.ofNullable(status(client, "lost"))
                        .map(s -> s.progress != null && "take a while".equals(s.progress.currentTask)).orElse(false));
                String lostHost = status(client, "lost").buildHost;
                ExtraDockerEngine lost = engines.get(lostHost.equals("h1") ? 0 : 1);

                long stopped = System.nanoTime();
                lost.stop();
                await().atMost(2, TimeUnit.MINUTES).until(() -> status(client, "lost").phase == Phase.SUCCEEDED
                        || status(client, "lost").phase == Phase.FAILED);
                long finishedMs = (System.nanoTime() - stopped) / 1_000_000;
                ImageBuildStatus done = status(client, "lost");
                assertEquals(Phase.SUCCEEDED, done.phase, Serialization.asYaml(done));
                assertNotEquals(lostHost, done.buildHost, "finished on the other host");
                assertEquals(2, done.attempt, "the lost attempt and the one that finished");
                System.out.println("[measure] Docker host stopped mid-build (8 s task): the build succeeded on the "
                        + "other host " + finishedMs + " ms later");

                lost.start();
                try (DockerHost docker = DockerHost.connect(lost.uri())) {
                    await().atMost(60, TimeUnit.SECONDS).until(() -> docker.containersLabelled(
                            OperatorInstance.LABEL + "=" + operator.instance.name()).isEmpty());
                }
            }
        } finally {
            engines.forEach(ExtraDockerEngine::close);
            Files.deleteIfExists(dir);
        }
    }

    private ImageBuild imageBuild(String name, int index, String version) {
        ImageBuild build = ImageBuilds.imageBuild(name, repository + ":" + index);
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().playbook = PLAYBOOK.replace("RUN", run + "-" + index).replace("VERSION", "version " + version);
        build.getSpec().network = ImageBuildSpec.Network.NONE;
        // a snapshot after each task, so what a rebuild resumes from does not depend on the Auto policy's timing
        build.getSpec().cache = new CacheSpec();
        build.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
        build.getSpec().output.insecure = true;
        return build;
    }

    /** Waits until every one of {@code names} has ended build {@code counter}, and asserts that each succeeded. */
    static void awaitAll(KubernetesClient client, List<String> names, long counter) {
        await().atMost(5, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200)).until(() -> names.stream()
                .map(n -> status(client, n)).allMatch(s -> s != null && s.buildCounter != null
                        && s.buildCounter == counter && (s.phase == Phase.SUCCEEDED || s.phase == Phase.FAILED)));
        for (String name : names) {
            assertEquals(Phase.SUCCEEDED, status(client, name).phase, Serialization.asYaml(status(client, name)));
        }
    }

    static ImageBuildStatus status(KubernetesClient client, String name) {
        ImageBuild build = client.resources(ImageBuild.class).inNamespace("default").withName(name).get();
        return build == null ? null : build.getStatus();
    }
}

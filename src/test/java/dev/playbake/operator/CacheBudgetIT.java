package dev.playbake.operator;

import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.CacheBudget;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.operator.reconcile.Leadership;
import dev.playbake.operator.runtime.CacheCollector;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.ExtraDockerEngine;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache budget on a Docker host of its own: 30 builds of 5 ImageBuilds, each leaving 6 MiB of snapshots (each
 * snapshot holds what the container changed since it started: 1, 2 and 3 MiB), against a 48 MiB budget, with the
 * collector's schedule an hour apart: only the collection after each build that ends keeps the host within it. The
 * host ends within it, and every ImageBuild's newest build still resumes.
 */
class CacheBudgetIT {

    private static final long MIB = 1024 * 1024;
    /** Room for the newest build of each ImageBuild (5 x 6 MiB) and a little more: far less than 30 builds leave. */
    private static final long BUDGET = 48 * MIB;
    /**
     * Each task adds 1 MiB that does not compress or dedupe; ROUND makes every ImageBuild's first task (so its chain
     * of snapshots) its own, and new in every round.
     */
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: first MiB
                  ansible.builtin.shell: "dd if=/dev/urandom of=/one bs=1024 count=1024 2>/dev/null; echo ROUND"
                - name: second MiB
                  ansible.builtin.shell: "dd if=/dev/urandom of=/two bs=1024 count=1024 2>/dev/null"
                - name: third MiB
                  ansible.builtin.shell: "dd if=/dev/urandom of=/three bs=1024 count=1024 2>/dev/null; echo LAST"
            """;

    private final TestEnvironment env = TestEnvironment.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String repository = env.registry() + "/playbake-it/budget-" + run;

    @Test
    void thirtyBuildsStayWithinTheBudgetAndEveryImageBuildsNewestBuildStillResumes() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pbgc");
        ExtraDockerEngine engine = ExtraDockerEngine.start(dir, "gc-" + run, List.of(env.busyboxImage()));
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(engine.uri())) {
            ImageBuildOperatorIT.installCrd(client);
            try (RealOperator operator = RealOperator.startOn(client, RealOperator.devEnv(client, 2),
                    Map.of("gc", engine.uri()))) {
                collectAndRebuild(client, docker, operator, engine.uri());
            }
        } finally {
            engine.close();
            Files.deleteIfExists(dir);
        }
    }

    /** The 30 builds with the collector running, then one rebuild of each ImageBuild with its last task changed. */
    private void collectAndRebuild(KubernetesClient client, DockerHost docker, RealOperator operator, String host) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String label = OperatorInstance.LABEL + "=" + operator.instance.name();
        List<String> names = List.of("gc-0", "gc-1", "gc-2", "gc-3", "gc-4");
        long largest = 0;
        try (CacheCollector collector = new CacheCollector(Map.of("gc", host), operator.instance, BUDGET,
                Duration.ofHours(1), operator::keptBuilds, Leadership.SOLE, down -> false, meters)) {
            collector.start();
            operator.whenBuildEnds(collector::buildEnded);
            for (int round = 1; round <= 6; round++) {
                for (String name : names) {
                    String playbook = PLAYBOOK.replace("ROUND", run + " " + name + " round " + round)
                        .replace("LAST", "last 1");
                    if (round == 1) {
                        client.resources(ImageBuild.class).inNamespace("default")
                                .resource(imageBuild(name, playbook)).create();
                    } else {
                        client.resources(ImageBuild.class).inNamespace("default").withName(name)
                                .edit(b -> {
                                    b.getSpec().playbook = playbook;
                                    return b;
                                });
                    }
                }
                awaitAll(client, names, round);
                largest = Math.max(largest, bytes(docker, label));
            }
            // the last builds' collections run on the collector's thread, after the builds ended
            await().atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                    .until(() -> bytes(docker, label) <= BUDGET);
            long after = bytes(docker, label);
            System.out.printf("[measure] 30 builds (5 ImageBuilds x 6 rounds, 6 MiB of snapshots each) under a "
                    + "%d MiB budget, collected after each build: at most %.1f MiB after a round, %.1f MiB at the end (without collection: "
                    + "about 180 MiB)%n", BUDGET / MIB, largest / (double) MIB, after / (double) MIB);
            assertTrue(after <= BUDGET, after + " bytes after collection");
            // each rebuild took its ImageBuild's tag from the last build's image, which the operator removed
            assertEquals(names.size(), docker.imagesLabelled(Labels.IMAGE_KEY).stream()
                    .filter(image -> !image.labels().getOrDefault(Labels.IMAGE_KEY, "").isEmpty()).count(),
                    "one finished image per ImageBuild");
            assertTrue(after >= 5 * 6 * MIB, "the newest build of each ImageBuild is kept: " + after);
            assertTrue(meters.get("playbake.cache.removed").counter().count() > 0, "it removed snapshots");
            assertEquals(after, (long) meters.get("playbake.cache.bytes").tag("host", "gc").gauge().value());
        }

        for (String name : names) {
            client.resources(ImageBuild.class).inNamespace("default").withName(name).edit(b -> {
                b.getSpec().playbook = b.getSpec().playbook.replace("echo last 1", "echo last 2");
                return b;
            });
        }
        awaitAll(client, names, 7);
        for (String name : names) {
            ImageBuildStatus rebuilt = status(client, name);
            assertEquals(2, rebuilt.cacheHits, name + " resumed from its newest build's snapshots: "
                    + Serialization.asYaml(rebuilt.tasks));
        }
    }

    /** What this operator's snapshots take on the host, each counted by what it adds. */
    private static long bytes(DockerHost docker, String label) {
        return new CacheBudget(docker, label).collect(Long.MAX_VALUE, Set.of()).bytesBefore();
    }

    private ImageBuild imageBuild(String name, String playbook) {
        ImageBuild build = ImageBuilds.imageBuild(name, repository + ":" + name);
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().playbook = playbook;
        build.getSpec().network = ImageBuildSpec.Network.NONE;
        build.getSpec().output.insecure = true;
        build.getSpec().cache = new CacheSpec();
        build.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
        return build;
    }

    private static void awaitAll(KubernetesClient client, List<String> names, long counter) {
        await().atMost(5, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200)).until(() -> names.stream()
                .map(n -> status(client, n)).allMatch(s -> s != null && s.buildCounter != null
                        && s.buildCounter == counter && (s.phase == Phase.SUCCEEDED || s.phase == Phase.FAILED)));
        List<String> failed = new ArrayList<>();
        names.stream().filter(n -> status(client, n).phase != Phase.SUCCEEDED).forEach(failed::add);
        assertEquals(List.of(), failed, failed.isEmpty() ? "" : Serialization.asYaml(status(client, failed.get(0))));
    }

    private static ImageBuildStatus status(KubernetesClient client, String name) {
        ImageBuild build = client.resources(ImageBuild.class).inNamespace("default").withName(name).get();
        return build == null ? null : build.getStatus();
    }
}

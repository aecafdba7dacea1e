package dev.playbake.operator;

import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.operator.runtime.OperatorRegistryCache;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.ExtraDockerEngine;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.playbake.operator.DockerHostPoolIT.awaitAll;
import static dev.playbake.operator.DockerHostPoolIT.status;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, run by {@code bench/run -t pool} (not by {@code mvn verify}): 20 ImageBuilds over 3 Docker hosts
 * (extra dockerd instances, 2 slots each) through the real operator and kube-apiserver, cold and then rebuilt with
 * the last task changed; once with the snapshots on the hosts only, once more (new ImageBuilds) with the registry
 * cache on the dev-env registry. It prints, per host, the builds placed there, how many of them came from another host and how
 * many resumed, their summed build time and the cached tasks, and the wall time of each round, as a Markdown table
 * ({@code [bench-pool]} lines); it fails only when a build fails, since then the numbers would not mean what they say.
 */
class HostPoolBenchIT {

    private static final int IMAGE_BUILDS = 20;
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: configuration
                  ansible.builtin.copy: {dest: /etc/app.conf, content: "name=RUN\\n"}
                - name: data
                  ansible.builtin.shell: "dd if=/dev/urandom of=/data bs=1024 count=256 2>/dev/null"
                - name: directories
                  ansible.builtin.file: {path: "/srv/{{ item }}", state: directory}
                  loop: [a, b, c]
                - name: the version
                  ansible.builtin.copy: {dest: /version, content: "VERSION\\n"}
            """;

    private final TestEnvironment env = TestEnvironment.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String repository = env.registry() + "/playbake-bench/pool-" + run;

    @Test
    void twentyImageBuildsOverThreeHostsColdAndRebuilt() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pbbench");
        List<ExtraDockerEngine> engines = new ArrayList<>();
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            Map<String, String> hosts = new LinkedHashMap<>();
            for (String name : List.of("h1", "h2", "h3")) {
                ExtraDockerEngine engine = ExtraDockerEngine.start(dir, name + "-" + run, List.of(env.busyboxImage()));
                engines.add(engine);
                hosts.put(name, engine.uri());
            }
            ImageBuildOperatorIT.installCrd(client);
            StringBuilder table = new StringBuilder("| cache | round | wall | host | builds | from another host "
                    + "| resumed | build time (sum) | cached tasks |\n|---|---|---|---|---|---|---|---|---|\n");
            pass(client, hosts, Optional.empty(), "hosts", table);
            pass(client, hosts, Optional.of(new OperatorRegistryCache(env.registry() + "/playbake-bench/pool-cache-"
                    + run, Optional.of(env.credentials(env.registry())))), "hosts + registry", table);
            table.toString().lines().forEach(line -> System.out.println("[bench-pool] " + line));
        } finally {
            engines.forEach(ExtraDockerEngine::close);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * One pass of fresh ImageBuilds (their own playbooks, so cold), through an operator with or without the registry
     * cache: all created at once, then all edited at once; the ImageBuilds are deleted again at the end.
     */
    private void pass(KubernetesClient client, Map<String, String> hosts, Optional<OperatorRegistryCache> cache,
                      String label, StringBuilder table) {
        String prefix = cache.isEmpty() ? "host-" : "reg-";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < IMAGE_BUILDS; i++) {
            names.add(prefix + i);
        }
        try (RealOperator operator = RealOperator.startOn(client, RealOperator.devEnv(client, 2), hosts, cache)) {
            Map<String, String> hostOf = new TreeMap<>();
            Map<String, Double> hitsBefore = hits(operator);
            long start = System.nanoTime();
            names.forEach(name -> client.resources(ImageBuild.class).inNamespace("default")
                    .resource(imageBuild(name)).create());
            awaitAll(client, names, 1);
            row(table, label + " | cold", start, client, names, hostOf, hitsBefore, hits(operator));

            hitsBefore = hits(operator);
            start = System.nanoTime();
            for (String name : names) {
                client.resources(ImageBuild.class).inNamespace("default").withName(name).edit(b -> {
                    b.getSpec().playbook = b.getSpec().playbook.replace("version 1", "version 2");
                    return b;
                });
            }
            awaitAll(client, names, 2);
            row(table, label + " | last task changed", start, client, names, hostOf, hitsBefore, hits(operator));
            names.forEach(name -> client.resources(ImageBuild.class).inNamespace("default").withName(name).delete());
            await().atMost(2, TimeUnit.MINUTES).until(() -> names.stream().allMatch(name -> client
                    .resources(ImageBuild.class).inNamespace("default").withName(name).get() == null));
        }
    }

    /**
     * One row per host: the builds of this round placed there, those whose last build ran elsewhere ({@code hostOf}
     * remembers, and is updated), those that resumed from a snapshot, their summed durations, and its cached tasks.
     */
    private static void row(StringBuilder table, String round, long startNanos, KubernetesClient client,
                            List<String> names, Map<String, String> hostOf, Map<String, Double> hitsBefore,
                            Map<String, Double> hitsAfter) {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Integer> builds = new TreeMap<>();
        Map<String, Integer> moved = new TreeMap<>();
        Map<String, Integer> resumed = new TreeMap<>();
        Map<String, Double> seconds = new TreeMap<>();
        for (String name : names) {
            ImageBuildStatus status = status(client, name);
            builds.merge(status.buildHost, 1, Integer::sum);
            String before = hostOf.put(name, status.buildHost);
            moved.merge(status.buildHost, before != null && !before.equals(status.buildHost) ? 1 : 0, Integer::sum);
            resumed.merge(status.buildHost, status.cacheHits != null && status.cacheHits > 0 ? 1 : 0, Integer::sum);
            seconds.merge(status.buildHost, Duration.between(Instant.parse(status.startTime),
                    Instant.parse(status.completionTime)).toMillis() / 1e3, Double::sum);
        }
        builds.forEach((host, count) -> table.append(String.format(
                "| %s | %.1f s | %s | %d | %d | %d | %.1f s | %.0f |%n", round, wall, host, count, moved.get(host), resumed.get(host), seconds.get(host),
                hitsAfter.getOrDefault(host, 0.0) - hitsBefore.getOrDefault(host, 0.0))));
    }

    private static Map<String, Double> hits(RealOperator operator) {
        Map<String, Double> hits = new TreeMap<>();
        operator.meters.find("playbake.build.cache.hits").counters()
                .forEach(c -> hits.put(c.getId().getTag("host"), ((Counter) c).count()));
        return hits;
    }

    private ImageBuild imageBuild(String name) {
        ImageBuild build = ImageBuilds.imageBuild(name, repository + ":" + name);
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().playbook = PLAYBOOK.replace("RUN", run + "-" + name).replace("VERSION", "version 1");
        build.getSpec().network = ImageBuildSpec.Network.NONE;
        build.getSpec().cache = new CacheSpec();
        build.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
        build.getSpec().output.insecure = true;
        return build;
    }
}

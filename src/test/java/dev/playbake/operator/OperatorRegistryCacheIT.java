package dev.playbake.operator;

import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.runtime.OperatorRegistryCache;
import dev.playbake.operator.runtime.RegistryCacheCollector;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.CliBuild;
import dev.playbake.testing.ExtraDockerEngine;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's snapshot cache in the dev-env registry over two Docker engines that share nothing: a build on one
 * exports its snapshots to its namespace's cache repository; the CLI on a third engine resumes from them with
 * {@code --cache-scope}; with the first host gone, the next build (last task changed) runs on the other and
 * resumes from what the first exported.
 */
class OperatorRegistryCacheIT {

    private static final String PLAYBOOK = """
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
    private final String base = env.registry() + "/playbake-it/opcache-" + run;

    @Test
    void aBuildOnAnotherHostResumesFromSnapshotsTheFirstHostExportedToTheRegistry() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "pbopc");
        Path cliDir = Files.createTempDirectory("pbopc-cli");
        List<ExtraDockerEngine> engines = new ArrayList<>();
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            for (String name : List.of("h1", "h2")) {
                engines.add(ExtraDockerEngine.start(dir, name + "-" + run, List.of(env.busyboxImage())));
            }
            ImageBuildOperatorIT.installCrd(client);
            Map<String, String> hosts = Map.of("h1", engines.get(0).uri(), "h2", engines.get(1).uri());
            OperatorRegistryCache cache = new OperatorRegistryCache(base, Optional.of(env.credentials(env.registry())));
            try (RealOperator operator = RealOperator.startOn(client, RealOperator.devEnv(client, 2), hosts,
                    Optional.of(cache))) {
                client.resources(ImageBuild.class).inNamespace("default").resource(imageBuild()).create();
                ImageBuildStatus first = await(client, 1);
                assertEquals(3, tags(base + "/default").size(),
                        "the three snapshots in the namespace's cache repository");

                // a CI job's playbake build on an engine of its own, with the namespace's keys and its cache repository;
                // the ImageBuild's vars (ImageBuilds sets who=world) too, or the keys differ
                engines.add(ExtraDockerEngine.start(dir, "cli-" + run, List.of(env.busyboxImage())));
                String edited = PLAYBOOK.replace("RUN", run).replace("LAST", "cli");
                CliBuild.Run withoutScope = CliBuild.run(cliDir, edited, engines.get(2).uri(), "playbake-it/opcache-cli-" + run
                        + ":1", "--cache-from", base + "/default", "-e", "who=world");
                assertEquals(0, withoutScope.exit(), withoutScope.output());
                assertFalse(withoutScope.output().contains("cache: imported"), "the CLI's own keys are not the "
                        + "namespace's: " + withoutScope.output());
                CliBuild.Run cli = CliBuild.run(cliDir, edited, engines.get(2).uri(), "playbake-it/opcache-cli-" + run + ":2",
                        "--cache-from", base + "/default", "--cache-scope", "default", "-e", "who=world");
                assertEquals(0, cli.exit(), cli.output());
                assertTrue(cli.output().contains("cache: imported the snapshot after 'second' from " + base + "/default:"),
                        cli.output());

                ExtraDockerEngine firstHost = engines.get(first.buildHost.equals("h1") ? 0 : 1);
                firstHost.stop();
                client.resources(ImageBuild.class).inNamespace("default").withName("cached").edit(b -> {
                    b.getSpec().playbook = b.getSpec().playbook.replace("echo one", "echo two");
                    return b;
                });
                ImageBuildStatus second = await(client, 2);
                assertNotEquals(first.buildHost, second.buildHost, "the first host is gone");
                assertEquals(2, second.cacheHits, "resumed from the registry: " + Serialization.asYaml(second.tasks));

                // the collection of the namespace's repository with a budget nothing fits: what the newest build
                // stands on stays (the snapshot after 'second' it imported, its own after 'last'), the rest goes
                List<String> before = tags(base + "/default");
                assertEquals(4, before.size(), "the first build's three and the second's own: " + before);
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                new RegistryCacheCollector(cache, false, Duration.ZERO, 1, operator::owners, operator::keptBuilds,
                        Clock.systemUTC(), meters).collectAll();
                List<String> after = tags(base + "/default");
                assertEquals(2, after.size(), "left: " + after + " of " + before);
                assertEquals(2.0, meters.get("playbake.cache.registry.removed").tag("scope", "default").counter()
                        .count());
                engines.add(ExtraDockerEngine.start(dir, "cli2-" + run, List.of(env.busyboxImage())));
                CliBuild.Run resumed = CliBuild.run(cliDir, PLAYBOOK.replace("RUN", run).replace("LAST", "three"),
                        engines.get(3).uri(), "playbake-it/opcache-cli-" + run + ":3", "--cache-from",
                        base + "/default", "--cache-scope", "default", "-e", "who=world");
                assertEquals(0, resumed.exit(), resumed.output());
                assertTrue(resumed.output().contains("cache: imported the snapshot after 'second' from " + base
                        + "/default:"), "the newest build's chain still serves: " + resumed.output());
            }
        } finally {
            engines.forEach(ExtraDockerEngine::close);
            Files.deleteIfExists(dir);
            try (Stream<Path> files = Files.walk(cliDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private ImageBuild imageBuild() {
        ImageBuild build = ImageBuilds.imageBuild("cached", env.registry() + "/playbake-it/opcache-out-" + run + ":1");
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().playbook = PLAYBOOK.replace("RUN", run).replace("LAST", "one");
        build.getSpec().network = ImageBuildSpec.Network.NONE;
        build.getSpec().output.insecure = true;
        build.getSpec().cache = new CacheSpec();
        build.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
        return build;
    }

    private static ImageBuildStatus await(KubernetesClient client, long counter) {
        Awaitility.await().atMost(3, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200)).until(() ->
                status(client) != null && status(client).buildCounter != null && status(client).buildCounter == counter
                        && (status(client).phase == Phase.SUCCEEDED || status(client).phase == Phase.FAILED));
        ImageBuildStatus status = status(client);
        assertEquals(Phase.SUCCEEDED, status.phase, Serialization.asYaml(status));
        return status;
    }

    private static ImageBuildStatus status(KubernetesClient client) {
        ImageBuild build = client.resources(ImageBuild.class).inNamespace("default").withName("cached").get();
        return build == null ? null : build.getStatus();
    }

    /** The tags of a repository, read from the registry itself. */
    private List<String> tags(String repository) throws Exception {
        RegistryCredentials credentials = env.credentials(env.registry());
        String path = repository.substring(env.registry().length() + 1);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + env.registry() + "/v2/" + path + "/tags/list"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> tags = new ArrayList<>();
        Serialization.jsonMapper().readTree(response.body()).path("tags").forEach(t -> tags.add(t.asText()));
        assertTrue(tags.stream().allMatch(t -> t.matches("[0-9a-f]{64}")), "tags are cache keys: " + tags);
        return tags;
    }
}
